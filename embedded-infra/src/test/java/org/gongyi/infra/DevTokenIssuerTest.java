package org.gongyi.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DevTokenIssuerTest {

    @Test
    void thePrivateKeyIsTheOwnersOnlyAndTheSamePairIsLoadedAgain(@TempDir Path dir) throws Exception {
        DevTokenIssuer made = DevTokenIssuer.loadOrCreate(dir);
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem"))));
        assertEquals(made.publicKeyPem(), DevTokenIssuer.loadOrCreate(dir).publicKeyPem());
    }
}
