package nl.opvang.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import nl.opvang.testing.SmallDisk;
import nl.opvang.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/DESIGN.md §9 "a full disk" at a node (FAULTS R12), for real: the node's data folder is on a 2 MiB tmpfs that the
 * test fills. The kiosk tells the worker in Dutch that nothing was saved and never confirms a check-in that is not
 * stored; once space is back the same check-in is stored and confirmed. Needs root or passwordless sudo for {@code
 * mount}.
 */
class KioskFullDiskTest {
    @TempDir
    Path dir;

    @Test
    void a_full_disk_is_told_to_the_worker_in_dutch_and_no_check_in_is_confirmed_that_is_not_stored() throws Exception {
        Optional<SmallDisk> mounted = SmallDisk.mount(dir.resolve("disk"), 2 * 1024);
        Tools.require(mounted.isPresent(), "mounting a tmpfs needs root or passwordless sudo");
        try (SmallDisk disk = mounted.get()) {
            KioskFixture fixture = new KioskFixture(disk.path(), Duration.ofMinutes(3));
            try {
                KioskClient client = new KioskClient(fixture.kiosk.uri());
                assertEquals(200, client.unlock(KioskFixture.PIN).status());
                assertEquals(200, client.post("/api/check-in", "{\"bed\":\"A1\",\"pass\":\"10000001\"}").status());

                disk.fill();
                // The WAL may still take a few writes; a check-in and -out on A2 until the disk refuses one.
                boolean occupied = false;
                int tries = 0;
                KioskClient.Answer refused = null;
                String body = null;
                long outboxBefore = 0;
                for (int i = 0; i < 2_000 && refused == null; i++) {
                    body = "{\"bed\":\"A2\",\"pass\":\"" + (20000000 + i / 2) + "\"}";
                    outboxBefore = fixture.outbox().size();
                    KioskClient.Answer answer = client.post(occupied ? "/api/check-out" : "/api/check-in", body);
                    tries++;
                    if (answer.status() == 200) {
                        occupied = !occupied;
                    } else {
                        refused = answer;
                    }
                }
                assertTrue(refused != null, "the full disk refused a change");
                assertEquals(500, refused.status(), refused.body());
                assertTrue(refused.body().contains("Opslaan lukte niet. Er is niets bewaard."), refused.body());
                assertEquals(outboxBefore, fixture.outbox().size(), "nothing half-stored");
                String a2 = client.get("/api/state").json().get("beds").get(1).get("statusText").asText();
                assertEquals(occupied ? "bezet" : "vrij", a2, "the kiosk shows the bed as stored, not as asked");

                disk.free();
                KioskClient.Answer again = client.post(occupied ? "/api/check-out" : "/api/check-in", body);
                assertEquals(200, again.status(), again.body());
                assertEquals(outboxBefore + 1, fixture.outbox().size(), "stored once space is back");
                assertEquals(occupied ? "vrij" : "bezet",
                        client.get("/api/state").json().get("beds").get(1).get("statusText").asText());
                System.out.println("KioskFullDiskTest: the full disk refused change " + tries + "; stored once space was back");
            } finally {
                fixture.close();
            }
        }
    }
}
