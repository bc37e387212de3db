package nl.opvang.hub.http;

import io.javalin.http.Context;

/** The {@code limit} query parameter of the list APIs (audit log, refused events): how many of the newest to give. */
public final class QueryLimit {
    private QueryLimit() {
    }

    /** The request's {@code limit}, {@code defaultLimit} when absent; anything but 1 to {@code max} is a Dutch 400. */
    public static int of(Context ctx, int defaultLimit, int max) {
        String limit = ctx.queryParam("limit");
        if (limit == null) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequest("limit is een getal van 1 tot " + max);
        }
    }
}
