// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.util.List;
import java.util.Locale;

/**
 * PhoneNumberValidate from Google's libphonenumber metadata instead of Pinpoint's carrier data: the number is parsed
 * (with IsoCountryCode as the region of a national number), cleansed to E.164 and national form, typed, and placed
 * (country, city or area, time zone). What the metadata cannot tell is left out: Carrier, County and ZipCode. A
 * number the metadata calls valid for both fixed lines and mobiles (all North American numbers) is reported as
 * MOBILE, so that a check for SMS-capable numbers lets it through. A number that does not parse or is not valid is
 * PhoneType INVALID, answered with 200 as Pinpoint does.
 */
final class PhoneNumbersApi {
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    /** Pinpoint's phone types and their codes. */
    private enum PhoneType {
        MOBILE, LANDLINE, VOIP, INVALID, OTHER, PREPAID
    }

    ObjectNode phoneNumberValidate(Invocation inv, Tx tx) {
        JsonNode in = inv.input().path("NumberValidateRequest");
        String original = Members.required(in, "PhoneNumber");
        String isoCountry = in.path("IsoCountryCode").asText("").toUpperCase(Locale.ROOT);
        ObjectNode response = AppsApi.MAPPER.createObjectNode();
        if (!isoCountry.isEmpty()) {
            response.put("OriginalCountryCodeIso2", isoCountry);
        }
        response.put("OriginalPhoneNumber", original);
        PhoneNumber number;
        try {
            number = NUMBERS.parse(original, isoCountry.isEmpty() ? "ZZ" : isoCountry);
        } catch (NumberParseException e) {
            return AppsApi.wrap("NumberValidateResponse", type(response, PhoneType.INVALID));
        }
        if (!NUMBERS.isValidNumber(number)) {
            return AppsApi.wrap("NumberValidateResponse", type(response, PhoneType.INVALID));
        }
        String region = NUMBERS.getRegionCodeForNumber(number);
        String country = new Locale("", region).getDisplayCountry(Locale.ENGLISH);
        response.put("CleansedPhoneNumberE164", NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                .put("CleansedPhoneNumberNational", NUMBERS.getNationalSignificantNumber(number))
                .put("Country", country)
                .put("CountryCodeIso2", region)
                .put("CountryCodeNumeric", String.valueOf(number.getCountryCode()));
        String place = PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(number, Locale.ENGLISH);
        if (!place.isEmpty() && !place.equals(country)) {
            response.put("City", place.contains(",") ? place.substring(0, place.indexOf(',')) : place);
        }
        type(response, type(NUMBERS.getNumberType(number)));
        List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number);
        if (zones.size() == 1 && !zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            response.put("Timezone", zones.get(0));
        }
        return AppsApi.wrap("NumberValidateResponse", response);
    }

    private static ObjectNode type(ObjectNode response, PhoneType type) {
        return response.put("PhoneType", type.name()).put("PhoneTypeCode", type.ordinal());
    }

    private static PhoneType type(PhoneNumberUtil.PhoneNumberType type) {
        return switch (type) {
            case MOBILE, FIXED_LINE_OR_MOBILE -> PhoneType.MOBILE;
            case FIXED_LINE -> PhoneType.LANDLINE;
            case VOIP -> PhoneType.VOIP;
            default -> PhoneType.OTHER;
        };
    }
}
