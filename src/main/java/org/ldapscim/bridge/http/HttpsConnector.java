package org.ldapscim.bridge.http;

import io.javalin.config.JettyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.ldapscim.bridge.config.ConfigException;
import org.ldapscim.bridge.config.ServerConfig;
import org.ldapscim.bridge.config.TlsListenerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port Javalin listens on: HTTPS when {@code server.tls} is configured, with TLS 1.2 and 1.3 only and Jetty's
 * cipher suite exclusions plus CBC, and key, certificate and client CAs reloaded when their files change; plain HTTP
 * otherwise, where {@link ServerConfig#requireSafeTransport} allows it.
 */
final class HttpsConnector {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsConnector.class);
    /** How often, in seconds, the key files are looked at; Jetty's Scanner reports a file once it stops changing. */
    private static final int SCAN_SECONDS = 1;

    private HttpsConnector() {
    }

    static void check(ServerConfig server) {
        server.requireSafeTransport();
        if (server.tls() != null) {
            ServerKeys.read(server.tls());
        }
    }

    /** Sets up the listener {@code server} describes on Javalin's Jetty. */
    static void listen(JettyConfig jetty, ServerConfig server) {
        server.requireSafeTransport();
        if (server.tls() == null) {
            if (server.plainHttp()) {
                LOG.warn("server.plainHttp is true: serving plain HTTP on {}, so bearer tokens and users' data cross"
                        + " the network unencrypted up to the TLS-terminating proxy", server.host());
            }
            jetty.host = server.host();
            jetty.port = server.port();
            return;
        }
        TlsListenerConfig tls = server.tls();
        ServerKeys keys = ServerKeys.read(tls);
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        factory.addExcludeCipherSuites("^.*_CBC_.*$");
        factory.setRenegotiationAllowed(false);
        factory.setNeedClientAuth(tls.clientAuth() == TlsListenerConfig.ClientAuth.need);
        factory.setWantClientAuth(tls.clientAuth() == TlsListenerConfig.ClientAuth.want);
        keys.applyTo(factory);
        LOG.info("serving HTTPS with the certificate of {}, valid until {}",
                keys.leaf().getSubjectX500Principal().getName(), keys.leaf().getNotAfter().toInstant());
        jetty.addConnector((jettyServer, httpConfig) -> {
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            https.addCustomizer(new SecureRequestCustomizer());
            ServerConnector connector = new ServerConnector(jettyServer,
                    new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
            connector.setHost(server.host());
            connector.setPort(server.port());
            jettyServer.addBean(watcher(tls, factory));
            return connector;
        });
    }

    private static Scanner watcher(TlsListenerConfig tls, SslContextFactory.Server factory) {
        Scanner scanner = new Scanner();
        scanner.setScanInterval(SCAN_SECONDS);
        scanner.setReportExistingFilesOnStartup(false);
        for (Path file : files(tls)) {
            scanner.addFile(file.toAbsolutePath());
        }
        scanner.addListener(new Scanner.BulkListener() {
            @Override
            public void filesChanged(Set<String> changed) {
                reload(tls, factory);
            }
        });
        return scanner;
    }

    private static void reload(TlsListenerConfig tls, SslContextFactory.Server factory) {
        ServerKeys keys;
        try {
            keys = ServerKeys.read(tls);
        } catch (ConfigException e) {
            LOG.warn("the changed TLS files cannot be used, so the listener keeps its previous key and certificate: {}",
                    e.describe());
            return;
        }
        try {
            factory.reload(reloaded -> keys.applyTo((SslContextFactory.Server) reloaded));
            LOG.info("reloaded the HTTPS key and certificate of {}, valid until {}",
                    keys.leaf().getSubjectX500Principal().getName(), keys.leaf().getNotAfter().toInstant());
        } catch (Exception e) {
            LOG.warn("Jetty could not take the changed TLS key and certificate ({}); new connections may fail until"
                    + " the files are fixed", e.getClass().getSimpleName());
        }
    }

    private static List<Path> files(TlsListenerConfig tls) {
        List<Path> files = new ArrayList<>();
        if (tls.keyStore() != null) {
            files.add(Path.of(tls.keyStore()));
        } else {
            files.add(Path.of(tls.certificateFile()));
            files.add(Path.of(tls.keyFile()));
        }
        if (tls.clientCaFile() != null) {
            files.add(Path.of(tls.clientCaFile()));
        }
        return files;
    }
}
