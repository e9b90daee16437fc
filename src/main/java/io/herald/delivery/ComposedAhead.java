package io.herald.delivery;

import jakarta.mail.internet.MimeMessage;

/** The next row's message, composed ahead of its turn (or the reason it could not be). */
final class ComposedAhead {
    private long rowId = -1;
    private MimeMessage message;
    private Exception error;

    /** Composes the row's message and keeps it for {@link #take}; returns it, or null when it failed. */
    MimeMessage compose(DeliveryRows.Claimed row, MessageSource source) {
        rowId = row.id();
        try {
            message = source.compose(row);
            error = null;
        } catch (Exception e) {
            message = null;
            error = e;
        }
        return message;
    }

    MimeMessage take(DeliveryRows.Claimed row, MessageSource source) throws Exception {
        if (rowId != row.id()) {
            compose(row, source);
        }
        rowId = -1;
        MimeMessage composed = message;
        Exception failure = error;
        message = null;
        error = null;
        if (failure != null) {
            throw failure;
        }
        return composed;
    }
}
