package org.gongyi.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gongyi.common.http.ProblemException;

/**
 * The roles of the platform, carried in the token's {@code groups} claim. Ownership is always checked against the
 * token subject ({@code sub}), never against a request parameter.
 */
public final class Roles {
    /** A shopper: own donations, own energy and trees, own sign-ups, leads. {@code user} means the same. */
    public static final String BUYER = "buyer";

    public static final String USER = "user";
    /** Rules on own items only. */
    public static final String SELLER = "seller";
    /** Own organisation's projects and activities (organisation id in the {@code org} claim). */
    public static final String CHARITY = "charity";

    public static final String POLICE = "police";
    public static final String GUARDIAN = "guardian";
    /** Replay and reconciliation, read-only. */
    public static final String AUDITOR = "auditor";
    /** Organisations, projects, tree species, stations. */
    public static final String ADMIN = "admin";

    /** The token claim naming the organisation a charity or police user acts for. */
    public static final String ORG_CLAIM = "org";

    private Roles() {}

    /** The organisation (charity, police agency) in the caller's {@code org} claim; 403 when the token names none. */
    public static String organisation(JsonWebToken caller) {
        String id = caller.getClaim(ORG_CLAIM);
        if (id == null || id.isBlank()) {
            throw ProblemException.forbidden("Your token names no organisation");
        }
        return id;
    }

    /** The organisation the caller acts for; null for an admin, who may act for any. */
    public static String actingOrganisation(JsonWebToken caller) {
        return caller.getGroups().contains(ADMIN) ? null : organisation(caller);
    }
}
