package nl.opvang.hardware.reader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import javax.smartcardio.ResponseAPDU;
import nl.opvang.hardware.ReaderStatus;
import org.junit.jupiter.api.Test;

class PcscCardReaderTest {

    @Test
    void without_pcscd_or_a_reader_the_status_is_missing() {
        // This machine has no pcscd running and no reader: the real javax.smartcardio path must end in MISSING.
        try (PcscCardReader reader = new PcscCardReader(Duration.ofMillis(100)).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.status() == ReaderStatus.MISSING);
        }
    }

    @Test
    void the_uid_comes_from_the_get_data_command() {
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xCA, 0, 0, 0}, PcscCardReader.GET_UID.getBytes());
        assertEquals(Optional.of("04A1B2C3D4E580"),
                PcscCardReader.uidOf(new ResponseAPDU(new byte[] {0x04, (byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4,
                        (byte) 0xE5, (byte) 0x80, (byte) 0x90, 0x00})));
    }

    @Test
    void a_card_that_refuses_the_command_gives_no_uid() {
        assertEquals(Optional.empty(), PcscCardReader.uidOf(new ResponseAPDU(new byte[] {0x6A, (byte) 0x81})));
    }
}
