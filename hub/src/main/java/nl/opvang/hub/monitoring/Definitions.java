package nl.opvang.hub.monitoring;

import java.util.List;
import java.util.Map;

/**
 * The figures' definitions in Dutch, for the gemeente's page {@code /monitor/definities} ({@link DefinitionsPage}):
 * per figure what it counts and per row what the row means. docs/MONITORING.md has the same definitions in English,
 * under the same name and version ({@link Figure#definition()}); {@code MonitoringDefinitionsTest} fails when a row has
 * no meaning here, when a meaning here names no row, or when the document's heading or rows differ. A term with code
 * {@code *} stands for every row of its part (a vocabulary: reasons, destinations, municipalities).
 */
final class Definitions {
    /** What the row (or, with code {@code *}, every row of {@code part}) means. */
    record Term(String part, String code, String text) {
    }

    /** A figure's definition: what it counts over, and its rows. */
    record Definition(String text, List<Term> terms) {
    }

    /** The rules every figure shares, as headed paragraphs. */
    static final List<Map.Entry<String, String>> GENERAL = List.of(
            Map.entry("Definitie en versie", "Elk cijfer is één keer vastgelegd, met een versienummer (bijvoorbeeld"
                    + " clients/v1). Verandert een definitie, dan krijgt die een nieuwe versie. Elk antwoord en elke"
                    + " CSV noemt de versie waarmee geteld is (kolom Definitie), zodat een oud rapport zegt hoe het"
                    + " telde."),
            Map.entry("Nacht en periode", "Een nacht loopt van 12:00 tot 12:00 en heet naar de datum waarop hij"
                    + " begint. Een verblijf telt een nacht als het die nacht om 04:00 loopt. Een periode is een week,"
                    + " maand, kwartaal, jaar of van–tot (hoogstens 5 jaar); de nachten aan begin en eind tellen mee."),
            Map.entry("Tijd van een gebeurtenis", "Elke inchecking, uitchecking en wegzending telt op de tijd van de"
                    + " locatie zelf, niet op het moment dat de hub haar ontving: een locatie die offline was, telt"
                    + " later toch op de juiste nacht. De bezetting is een meting per kwartier op de hub."),
            Map.entry("Kleine aantallen", "Een aantal onder 5 staat er als \"< 5\", ook 0, zodat niemand herkenbaar"
                    + " is. Waar zo'n aantal anders terug te rekenen is (een totaal min de andere delen), staat er"
                    + " ook bij een groter aantal \"verborgen\". Een percentage of gemiddelde uit minder dan 5 staat er"
                    + " als \"< 5\"."),
            Map.entry("Filters voor de gemeente", "De gemeente kiest één filter tegelijk: een locatie, een soort plek,"
                    + " een doelgroep, een gemeente van herkomst of per locatie. Een doelgroep telt alle plekken van de"
                    + " locaties die die doelgroep opvangen. De vrouwenopvang van één aanbieder telt als één locatie;"
                    + " een geheime locatie staat nooit apart."),
            Map.entry("Schatting", "Na de bewaartermijn is de koppeling tussen een verblijf en de pas verwijderd."
                    + " De cijfers die al geteld zijn blijven kloppen, maar unieke cliënten zijn over die grens heen"
                    + " niet meer te herkennen: elk verblijf zonder koppeling telt als een cliënt. Zo'n aantal is een"
                    + " schatting, en dat staat erbij."));

    private static final Map<Figure, Definition> FIGURES = Map.of(
            Figure.CLIENTS, new Definition("Over de verblijven die in de periode minstens één nacht sliepen.", List.of(
                    new Term("cliënten", "unique_clients", "Verschillende cliënten (passen); bij verblijven zonder"
                            + " koppeling met de pas een schatting."),
                    new Term("cliënten", "stays", "Het aantal van die verblijven."),
                    new Term("cliënten", "nights", "De nachten die in de periode geslapen zijn, opgeteld."))),
            Figure.OCCUPANCY, new Definition("Uit de metingen per kwartier: per nacht, locatie en soort plek de hoogste"
                    + " bezetting en de open plekken.", List.of(
                    new Term("bezetting", "place_nights", "De open plekken, opgeteld over de nachten."),
                    new Term("bezetting", "occupied_nights", "De hoogste bezetting per nacht (hoogstens het aantal"
                            + " plekken), opgeteld."),
                    new Term("bezetting", "occupancy_rate", "Bezette plekken × nachten gedeeld door plekken × nachten,"
                            + " in procenten."),
                    new Term("bezetting", "vacancy", "Vrije plekken × nachten: plekken min bezet, niet onder 0."),
                    new Term("bezetting", "nights_full", "Het aantal keer dat een soort plek op een locatie een nacht"
                            + " vol was."))),
            Figure.INFLOW, new Definition("Over de verblijven waarvan de eerste nacht in de periode ligt.", List.of(
                    new Term("instroom", "stays_started", "Het aantal nieuwe verblijven."),
                    new Term("instroom", "first_ever", "Verblijven die het eerste verblijf van de cliënt ooit waren."),
                    new Term("instroom", "returning", "Verschillende cliënten die eerder verbleven; bij verblijven"
                            + " zonder koppeling met de pas een schatting."),
                    new Term("herkomst", "regio", "Uit een gemeente van de regio."),
                    new Term("herkomst", "elders", "Uit een andere gemeente in Nederland."),
                    new Term("herkomst", "passant", "Zonder vaste gemeente."),
                    new Term("herkomst", "buitenland", "Uit het buitenland."),
                    new Term("herkomst", "onbekend", "Herkomst niet bekend."),
                    new Term("gemeente", "*", "Per gemeente van de regio: de nieuwe verblijven van cliënten uit die"
                            + " gemeente."))),
            Figure.REVOLVING_DOOR, new Definition("Over de verblijven waarvan de eerste nacht in de periode ligt; het"
                    + " aantal verblijven kies je (standaard 3).", List.of(
                    new Term("draaideur", "clients_n_stays", "Verschillende cliënten voor wie dit verblijf minstens"
                            + " hun zoveelste was in de 12 maanden tot de inchecking."),
                    new Term("draaideur", "reentry_30", "Verblijven die begonnen binnen 30 dagen nadat het vorige"
                            + " verblijf van de cliënt eindigde."),
                    new Term("draaideur", "reentry_90", "Hetzelfde binnen 90 dagen."),
                    new Term("draaideur", "reentry_any", "Verblijven na een eerder verblijf, hoe lang ook geleden."))),
            Figure.LENGTH_OF_STAY, new Definition("Over de verblijven die eindigden (met of zonder uitchecken) met hun"
                    + " laatste nacht in de periode, naar het aantal geslapen nachten. Verblijven die nog lopen tellen"
                    + " pas als ze eindigen.", List.of(
                    new Term("verblijfsduur", "ended", "Alle beëindigde verblijven."),
                    new Term("verblijfsduur", "nights_1", "0 of 1 nacht."),
                    new Term("verblijfsduur", "nights_2_3", "2 tot en met 3 nachten."),
                    new Term("verblijfsduur", "nights_4_7", "4 tot en met 7 nachten."),
                    new Term("verblijfsduur", "nights_8_30", "8 tot en met 30 nachten."),
                    new Term("verblijfsduur", "nights_31_91", "31 tot en met 91 nachten."),
                    new Term("verblijfsduur", "nights_over_91", "Meer dan 91 nachten."),
                    new Term("norm", "mo_over_3_months", "Verblijven in de maatschappelijke opvang langer dan drie"
                            + " maanden (91 nachten): de norm."),
                    new Term("norm", "crisis_over_3_days", "Verblijven op een crisis- of noodbed langer dan drie"
                            + " nachten: de norm voor crisisopvang."),
                    new Term("norm", "consecutive_over_3", "Alle verblijven van meer dan drie nachten aaneen: dan"
                            + " begint een traject."))),
            Figure.DESTINATIONS, new Definition("Over dezelfde beëindigde verblijven als de verblijfsduur: waar de"
                    + " cliënt heen ging.", List.of(
                    new Term("bestemming", "*", "Per bestemming bij het uitchecken, uit de ene lijst van bestemmingen;"
                            + " geen bestemming opgegeven telt als Onbekend."),
                    new Term("zonder uitchecken", "no_check_out", "Verblijven die eindigden zonder uitchecken: het bed"
                            + " of de cliënt werd opnieuw ingecheckt."),
                    new Term("zonder pas", "without_pass", "Uitgecheckt zonder pas (pas kwijt of cliënt vertrokken,"
                            + " bevestigd door een medewerker); ook geteld bij hun bestemming."))),
            Figure.UNMET_DEMAND, new Definition("Wie niet geholpen kon worden in de periode.", List.of(
                    new Term("weggestuurd", "turn_aways", "Alle keren dat iemand niet opgenomen kon worden."),
                    new Term("weggestuurd", "*", "Per reden, uit de ene lijst van redenen van de kiosk."),
                    new Term("aanvragen", "refused", "Plaatsingsaanvragen uit de periode waarop de locatie nee zei."),
                    new Term("aanvragen", "expired", "Plaatsingsaanvragen uit de periode die niemand beantwoordde."),
                    new Term("volle nachten", "nights_full", "Het aantal keer dat een soort plek op een locatie een"
                            + " nacht vol was."))),
            Figure.PLACEMENT, new Definition("Over de plaatsingsaanvragen die in de periode gedaan zijn.", List.of(
                    new Term("aanvragen", "requests", "Alle aanvragen om een plek bij een locatie: van CT, en de"
                            + " plaatsingen van de toegang van de vrouwenopvang."),
                    new Term("aanvragen", "accepted", "De locatie zei ja (en zei daarna niet alsnog nee)."),
                    new Term("aanvragen", "refused", "De locatie zei nee, of de plek bleek toch bezet."),
                    new Term("aanvragen", "expired", "Niemand antwoordde binnen de tijd van een aanvraag (2 uur);"
                            + " de plek kwam weer vrij."),
                    new Term("aanvragen", "minutes_to_answer", "Gemiddeld aantal minuten van aanvraag tot antwoord,"
                            + " over de beantwoorde aanvragen."),
                    new Term("geweigerd om", "*", "Per reden van weigeren, uit de ene lijst van de kiosk; een andere"
                            + " tekst telt als Anders."))));

    private Definitions() {
    }

    static Definition of(Figure figure) {
        return FIGURES.get(figure);
    }

    /** The term for a row: its own, else its part's ({@code *}); null if none. */
    static Term term(Figure figure, String part, String code) {
        Term any = null;
        for (Term term : of(figure).terms()) {
            if (term.part().equals(part) && term.code().equals(code)) {
                return term;
            }
            if (term.part().equals(part) && term.code().equals("*")) {
                any = term;
            }
        }
        return any;
    }
}
