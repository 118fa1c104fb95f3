package org.gongyi.deploy;

import org.gongyi.infra.DevTokenIssuer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a token from the local run's dev issuer: {@code DevToken <subject> <role>[,<role>…] [org=<id>] [ttl=<minutes>]}.
 */
public final class DevToken {
    private DevToken() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println(
                    "usage: deploy/dev-token.sh <subject> <role>[,<role>...] [org=<organisation>] [ttl=<minutes>]");
            System.err.println("roles: buyer user seller charity police guardian auditor admin");
            System.exit(2);
        }
        Map<String, String> claims = new HashMap<>();
        long ttlMinutes = 60;
        for (String a : Arrays.copyOfRange(args, 2, args.length)) {
            if (a.startsWith("org=")) {
                claims.put("org", a.substring(4));
            } else if (a.startsWith("ttl=")) {
                ttlMinutes = Long.parseLong(a.substring(4));
            }
        }
        DevTokenIssuer issuer = LocalRun.issuer();
        System.out.println(
                issuer.token(args[0], Arrays.asList(args[1].split(",")), Duration.ofMinutes(ttlMinutes), claims));
    }
}
