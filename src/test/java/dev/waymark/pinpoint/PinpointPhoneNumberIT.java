// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waymark.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.NumberValidateResponse;

/** PhoneNumberValidate through the AWS SDK for Java v2, from libphonenumber's metadata, recorded with the numbers masked. */
class PinpointPhoneNumberIT {
    private static TestServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        pinpoint = server.pinpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static NumberValidateResponse validate(String number, String isoCountry) {
        return pinpoint.phoneNumberValidate(r -> r.numberValidateRequest(n -> n.phoneNumber(number).isoCountryCode(isoCountry)))
                .numberValidateResponse();
    }

    @Test
    void aNorthAmericanNumberIsCleansedTypedAndPlaced() {
        NumberValidateResponse response = validate("+1 (206) 555-0142", null);
        assertEquals("+1 (206) 555-0142", response.originalPhoneNumber());
        assertEquals("+12065550142", response.cleansedPhoneNumberE164());
        assertEquals("2065550142", response.cleansedPhoneNumberNational());
        assertEquals("United States", response.country());
        assertEquals("US", response.countryCodeIso2());
        assertEquals("1", response.countryCodeNumeric());
        assertEquals("MOBILE", response.phoneType());
        assertEquals(0, response.phoneTypeCode());
        assertEquals("America/Los_Angeles", response.timezone());
        assertEquals("Washington State", response.city());
        assertNull(response.carrier());
        assertNull(response.originalCountryCodeIso2());
    }

    @Test
    void aNationalNumberIsReadInTheGivenCountry() {
        NumberValidateResponse response = validate("030 123456", "de");
        assertEquals("DE", response.originalCountryCodeIso2());
        assertEquals("+4930123456", response.cleansedPhoneNumberE164());
        assertEquals("30123456", response.cleansedPhoneNumberNational());
        assertEquals("Germany", response.country());
        assertEquals("Berlin", response.city());
        assertEquals("LANDLINE", response.phoneType());
        assertEquals(1, response.phoneTypeCode());
        assertEquals("Europe/Berlin", response.timezone());
        NumberValidateResponse mobile = validate("+447400123456", null);
        assertEquals("MOBILE", mobile.phoneType());
        assertEquals("GB", mobile.countryCodeIso2());
        assertNull(mobile.timezone(), "four zones share the prefix: none is named");
        assertEquals("OTHER", validate("+18005551212", null).phoneType());
    }

    @Test
    void anInvalidNumberIsPhoneTypeInvalid() {
        for (String number : new String[] {"12345", "+1 206 555", "not a number"}) {
            NumberValidateResponse response = validate(number, null);
            assertEquals("INVALID", response.phoneType(), number);
            assertEquals(3, response.phoneTypeCode(), number);
            assertEquals(number, response.originalPhoneNumber());
            assertNull(response.cleansedPhoneNumberE164(), number);
        }
        assertEquals("PhoneNumber is required", assertThrows(BadRequestException.class,
                () -> pinpoint.phoneNumberValidate(r -> r.numberValidateRequest(n -> n.isoCountryCode("US"))))
                .awsErrorDetails().errorMessage());
    }

    @Test
    void theRecordMasksTheNumbers() {
        validate("+12065550199", null);
        JsonNode record = server.records("PhoneNumberValidate").stream()
                .filter(r -> r.path("responseElements").path("CountryCodeIso2").asText().equals("US")).reduce((a, b) -> b)
                .orElseThrow();
        assertEquals("***", record.path("requestParameters").path("PhoneNumber").asText(), record.toString());
        assertEquals("***", record.path("responseElements").path("OriginalPhoneNumber").asText());
        assertEquals("***", record.path("responseElements").path("CleansedPhoneNumberE164").asText());
        assertEquals("***", record.path("responseElements").path("CleansedPhoneNumberNational").asText());
        assertFalse(record.toString().contains("5550199"), record.toString());
    }
}
