package org.ldapscim.bridge.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.ldapscim.bridge.auth.TokenHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads a token on standard input and prints the hash that goes into {@code auth.clients[].tokenHashes}. */
@Command(name = "hash-token", mixinStandardHelpOptions = true,
        description = "Read a bearer token on standard input and print its hash for the configuration.")
final class HashTokenCommand implements Callable<Integer> {

    @Option(names = "--generate", description = "Make a new random token, print it on standard error and its hash.")
    private boolean generate;

    @Override
    public Integer call() throws Exception {
        String token;
        if (generate) {
            token = TokenHash.newToken();
            System.err.println("token: " + token);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            token = line == null ? "" : line.strip();
        }
        if (token.length() < 16) {
            System.err.println("error: a token needs at least 16 characters; use --generate for a random one");
            return 2;
        }
        System.out.println(TokenHash.of(token));
        return 0;
    }
}
