# A production Keycloak image with keycloak-fractal built in: PostgreSQL, health and metrics, started with --optimized.
#
#   mvn -B package -DskipTests                   # builds the JAR into providers/ (keep only one version there)
#   docker build -t keycloak-fractal .
#   docker run -p 8443:8443 -p 9000:9000 \
#     -e KC_DB_URL=jdbc:postgresql://db:5432/keycloak -e KC_DB_USERNAME=... -e KC_DB_PASSWORD=... \
#     -e KC_HOSTNAME=https://id.example.com -e KC_HTTPS_CERTIFICATE_FILE=... -e KC_HTTPS_CERTIFICATE_KEY_FILE=... \
#     keycloak-fractal
#
# Probes: http://<container>:9000/health/ready and /health/live; metrics: :9000/metrics. Secrets for the provider's
# settings (webhook secrets, Kraken keys) belong in a Keycloak vault (--vault=file --vault-dir=..., or a Kubernetes
# secret vault), never in the realm.

FROM quay.io/keycloak/keycloak:26.5.6 AS builder
# Build options are fixed here, once: `kc.sh build` bakes them and the provider into the server, so the final image
# starts with --optimized and no build step at each start.
COPY --chown=keycloak:keycloak --chmod=644 providers/keycloak-fractal-*.jar /opt/keycloak/providers/
RUN /opt/keycloak/bin/kc.sh build --db=postgres --health-enabled=true --metrics-enabled=true

FROM quay.io/keycloak/keycloak:26.5.6
COPY --from=builder /opt/keycloak/ /opt/keycloak/
# the image has no curl: bash's /dev/tcp asks the management port for /health/ready and wants a 200
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=12 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9000 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ \"$status\" == *' 200 '* ]]"]
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
CMD ["start", "--optimized"]
