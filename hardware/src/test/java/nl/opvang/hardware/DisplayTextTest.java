package nl.opvang.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void dutch_accents_lose_their_marks() {
        assertEquals("een, ideeen, coordinatie, Cafe, naive", DisplayText.transliterate("één, ideeën, coördinatie, Café, naïve"));
    }

    @Test
    void ligatures_and_symbols_are_spelled_out() {
        assertEquals("IJsselstraat, bijna, EUR 5, Strasse", DisplayText.transliterate("Ĳsselstraat, bĳna, € 5, Straße"));
    }

    @Test
    void characters_the_rom_draws_differently_are_replaced() {
        assertEquals("a - b - c 's \"x\" a/b ?", DisplayText.transliterate("a — b · c ’s “x” a\\b \u4e2d"));
    }

    @Test
    void text_is_cut_and_padded_to_the_width_after_transliteration() {
        assertEquals("EUR 1 ", DisplayText.fit("€ 1", 6));
        assertEquals("Vrij: 3 -", DisplayText.fit("Vrij: 3 · Crisis: 1", 9));
        assertEquals("    ", DisplayText.fit(null, 4));
    }
}
