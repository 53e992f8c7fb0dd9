package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kraken private key an admin puts into the vault, as {@code openssl genpkey} writes it or as bare base64. */
class KrakenClientTest {

    @Test
    void aPkcs8PemOrItsBareBase64IsTheSameKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair pair = generator.generateKeyPair();
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";

        PrivateKey fromPem = KrakenClient.ecPrivateKey(pem);
        PrivateKey fromBase64 = KrakenClient.ecPrivateKey(base64.replace("\n", ""));

        assertThat(fromPem.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(fromBase64.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void anythingElseIsRefusedWithoutEchoingTheSecret() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaKey = Base64.getEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());

        for (String notAnEcKey : new String[]{"secret-api-key", "", "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----", rsaKey}) {
            assertThatThrownBy(() -> KrakenClient.ecPrivateKey(notAnEcKey)).isInstanceOf(KrakenException.class)
                    .hasMessage("the configured Kraken private key is not a PKCS#8 EC key");
        }
    }
}
