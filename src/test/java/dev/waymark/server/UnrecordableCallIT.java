// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.testing.TestDatabase;
import dev.waymark.testing.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PinpointException;

/**
 * No change without its record: while the store refuses every new record (a trigger on the event table, added
 * behind the running server's back), a write fails with a 500 InternalFailure and changes nothing, and a read or a
 * failed call — whose answers are ready before their records are committed — is not answered with its data or its
 * own error either, but with the same 500. Once records can be written again, all of it works as before.
 */
class UnrecordableCallIT {
    private TestServer server;
    private PinpointClient pinpoint;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        pinpoint = server.pinpoint();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void callsWhoseRecordCannotBeWrittenFailAndChangeNothing() throws Exception {
        String existing = pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("before"))).applicationResponse().id();
        refuseRecords(true);
        try {
            assertInternalFailure(assertThrows(PinpointException.class,
                    () -> pinpoint.createApp(r -> r.createApplicationRequest(a -> a.name("unrecorded")))));
            assertInternalFailure(assertThrows(PinpointException.class, () -> pinpoint.getApps(r -> r.pageSize("10"))));
            assertInternalFailure(assertThrows(PinpointException.class,
                    () -> pinpoint.getApp(r -> r.applicationId("0123456789abcdef0123456789abcdef"))));
            assertInternalFailure(assertThrows(PinpointException.class, () -> pinpoint.deleteApp(r -> r.applicationId(existing))));
        } finally {
            refuseRecords(false);
        }
        List<String> names = pinpoint.getApps(r -> r.pageSize("10")).applicationsResponse().item().stream()
                .map(app -> app.name()).toList();
        assertEquals(List.of("before"), names, "the refused CreateApp and DeleteApp changed nothing");
        assertThrows(NotFoundException.class, () -> pinpoint.getApp(r -> r.applicationId("0123456789abcdef0123456789abcdef")));
        assertEquals(List.of("CreateApp", "GetApps", "GetApp"), recordedNames(), "only the calls made while records could be written");
    }

    private static void assertInternalFailure(PinpointException e) {
        assertEquals(500, e.statusCode(), e.toString());
        assertEquals("InternalFailure", e.awsErrorDetails().errorCode());
        assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "the answer carries its request id");
    }

    private void refuseRecords(boolean refuse) throws SQLException {
        try (Connection db = TestDatabase.connect(server.dataDir()); Statement statement = db.createStatement()) {
            if (TestDatabase.postgres().isEmpty()) {
                statement.execute(refuse
                        ? "CREATE TRIGGER refuse_records BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'records refused by the test'); END"
                        : "DROP TRIGGER refuse_records");
            } else if (refuse) {
                statement.execute("CREATE FUNCTION refuse_records() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN RAISE EXCEPTION 'records refused by the test'; END $$");
                statement.execute("CREATE TRIGGER refuse_records BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION refuse_records()");
            } else {
                statement.execute("DROP TRIGGER refuse_records ON event");
                statement.execute("DROP FUNCTION refuse_records()");
            }
        }
    }

    private List<String> recordedNames() throws SQLException {
        try (Connection db = TestDatabase.connect(server.dataDir()); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT event_name FROM event WHERE event_source = 'pinpoint.amazonaws.com' ORDER BY seq")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
