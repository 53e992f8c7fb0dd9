package io.github.keycloakfractal.fractal.credentials;

/**
 * The self-made vectors of fractal-api.md Appendix A (ethers v6, deterministic RFC 6979), copied verbatim. The user
 * message is the one in Fractal's documentation (id-integration-docs, fractal-credentials-api.md JavaScript example)
 * whose client id Appendix A abbreviates as {@code dc3aa19…91afd}.
 */
final class AppendixA {
    static final String SIGNER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String SIGNER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String SUBJECT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String SUBJECT_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    static final String FRACTAL_ID = "0x02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fdd";
    static final long APPROVED_AT = 1654693829L;
    static final long VALID_UNTIL = 1656080869L;
    static final String S1_CREDENTIAL = "level:plus+liveness;citizenship_not:de;residency_not:ca,de,us";
    static final String S1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8;0x02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fdd;"
            + "1654693829;1656080869;level:plus+liveness;citizenship_not:de;residency_not:ca,de,us";
    static final String S1_DIGEST = "0xec52482cc3dea07edd20ac5b7fc929691e1b7b6bd8397c49a1eee31b07de96a4";
    static final String S1_PROOF = "0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6"
            + "247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191c";
    static final String S2_CREDENTIAL = "level:uniqueness;citizenship_not:;residency_not:";
    static final String S2_PROOF = "0x50aab5877eef2eb735a9897d8b9c9db67998370ca635bf46818eb7a07e02e18b"
            + "4b0333f61555b2adac1fdfbd8f16040ac722e68d9f5f4f4ff3baadb635849ada1c";

    static final String USER_MESSAGE = "I authorize Defistarter (dc3aa1910acbb7ff4d22c07e43a6926adc3a81305a9355a304410048c9a91afd)"
            + " to get a proof from Fractal that:\n"
            + "- I passed KYC level plus+liveness\n"
            + "- I am not a citizen of the following countries: Germany (DE)\n"
            + "- I am not a resident of the following countries: Canada (CA), Germany (DE), United States of America (US)";
    static final String USER_SIGNATURE = "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e8"
            + "38fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191c";

    private AppendixA() {
    }
}
