// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.OperationHandler;
import java.util.Map;

/** Message templates. NOT YET IMPLEMENTED: no handlers (501). */
final class TemplatesApi {
    private TemplatesApi() {
    }

    static Map<String, OperationHandler> handlers(TemplateRepository templates) {
        return Map.of();
    }
}
