package org.hessrank.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the project's Markdown files (README.md and docs/*.md), read the way
 * the documentation tests need them. Conventions: docs/README.md, "Executed documentation".
 */
final class MarkdownBlocks {
    /** One fenced block: its file, the 1-based line of its first content line, its info string, its lines. */
    record Block(Path file, int firstLine, String info, List<String> lines) {
        String where(int index) {
            return file + ":" + (firstLine + index);
        }
    }

    private MarkdownBlocks() {
    }

    /** README.md and every docs/*.md, relative to the project root (the tests' working directory). */
    static List<Path> documentationFiles() {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced blocks of {@code file} whose info string is exactly {@code info}. */
    static List<Block> blocks(Path file, String info) {
        List<Block> out = new ArrayList<>();
        for (Block b : allBlocks(file)) {
            if (b.info().equals(info)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Every fenced block of {@code file} (``` fences; an unclosed block is an error). */
    static List<Block> allBlocks(Path file) {
        List<String> lines = lines(file);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (!trimmed.startsWith("```")) {
                continue;
            }
            String indent = line.substring(0, line.indexOf('`'));
            String info = trimmed.substring(3).strip();
            List<String> content = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                String l = lines.get(j);
                content.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
                j++;
            }
            if (j == lines.size()) {
                throw new AssertionError(file + ":" + (i + 1) + ": fenced block is not closed");
            }
            out.add(new Block(file, i + 2, info, content));
            i = j;
        }
        return out;
    }
}
