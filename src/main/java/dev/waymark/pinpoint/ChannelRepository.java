// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import dev.waymark.core.SecretBox;

/** Stores each application's channels, their credentials sealed. NOT YET IMPLEMENTED. */
final class ChannelRepository {
    private final SecretBox secrets;

    ChannelRepository(SecretBox secrets) {
        this.secrets = secrets;
    }
}
