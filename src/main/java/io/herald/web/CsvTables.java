package io.herald.web;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** The tables of the insight pages as CSV (RFC 4180: quoted where needed, CRLF), for a spreadsheet. */
final class CsvTables {

    private CsvTables() {}

    static Response of(String filename, List<String> header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, header.stream().map(h -> (Object) h).toList());
        for (List<Object> row : rows) {
            line(csv, row);
        }
        return Response.ok(csv.toString())
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static void line(StringBuilder csv, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** A cell, quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
    static String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
