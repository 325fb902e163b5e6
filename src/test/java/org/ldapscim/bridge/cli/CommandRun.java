package org.ldapscim.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ldapscim.bridge.testsupport.TestLogs;

/** One run of the command line in this JVM, with its standard streams captured. */
record CommandRun(int exit, String out, String err) {
    List<String> lines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Keeps what the command printed for the secret leak check, see {@link TestLogs}. */
    static CommandRun recorded(long pid, CommandRun run) {
        TestLogs.record("command", pid, run.out());
        TestLogs.record("command", pid, run.err());
        return run;
    }

    static CommandRun run(String... args) {
        return withInput(null, args);
    }

    /**
     * Runs {@code args} reading {@code stdin} (null: the standard input as it is). One run at a time: the
     * standard streams are the whole JVM's.
     */
    static synchronized CommandRun withInput(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(args);
            System.out.flush();
            System.err.flush();
            return recorded(ProcessHandle.current().pid(), new CommandRun(exit,
                    capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }
}
