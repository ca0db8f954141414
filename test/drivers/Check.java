// pgjdbc (Debian's libpostgresql-jdbc-java), as Metabase, Tableau and
// DBeaver read PostgreSQL: the demo's reporting views and raw summary
// tables, their Java types and values against plain SQL.  Prints TAP.
// Compiled and run by test/drivers/run: java Check DATABASE QUERIES_FILE.
//
// pgjdbc gives bigint as Long, double precision as Double, date as
// java.sql.Date and text as String; a column of a type it does not know
// (every summary type) as org.postgresql.util.PGobject, whose getType() is
// the type's name and getValue() its whole text form; jsonb too.

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PGobject;

public class Check {
    static int count = 0;
    static int failed = 0;
    static Map<String, String> queries = new HashMap<>();
    static Connection connection;

    static void check(boolean ok, String description, String detail) {
        count++;
        System.out.println((ok ? "ok " : "not ok ") + count + " - " + description);
        if (!ok) {
            failed++;
            for (String line : detail.split("\n"))
                System.out.println("#   " + line);
        }
    }

    /** The queries of queries.sql by name. */
    static void readQueries(String path) throws Exception {
        String[] parts = Files.readString(Path.of(path)).split("(?m)^-- name: ");
        for (int i = 1; i < parts.length; i++) {
            int end = parts[i].indexOf('\n');
            queries.put(parts[i].substring(0, end), parts[i].substring(end + 1).strip());
        }
    }

    /** Every row of a query, each value as getObject() gives it. */
    static List<List<Object>> fetch(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int k = 1; k <= columns; k++)
                    row.add(result.getObject(k));
                rows.add(row);
            }
        }
        return rows;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Double && b instanceof Double) {
            double x = (Double) a, y = (Double) b;
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
        }
        return Objects.equals(a, b);
    }

    static String differences(List<List<Object>> got, List<List<Object>> want) {
        if (got.size() != want.size())
            return got.size() + " rows, " + want.size() + " expected";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < got.size(); i++)
            for (int k = 0; k < got.get(i).size(); k++)
                if (!same(got.get(i).get(k), want.get(i).get(k))) {
                    out.append("got  ").append(got.get(i)).append("\nwant ").append(want.get(i));
                    return out.toString();
                }
        return "";
    }

    static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    static Class<?> javaType(String sqlType) {
        switch (sqlType) {
            case "bigint": return Long.class;
            case "double precision": return Double.class;
            case "date": return java.sql.Date.class;
            default: return String.class;
        }
    }

    static void checkView(String view) throws Exception {
        List<List<Object>> columns = fetch(queries.get("columns").replace("{view}", view));
        List<List<Object>> rows = fetch(queries.get("all").replace("{view}", view));
        List<String> wrong = new ArrayList<>();
        int nullFigures = 0;
        for (List<Object> row : rows)
            for (int k = 0; k < columns.size(); k++) {
                String type = (String) columns.get(k).get(1);
                Object value = row.get(k);
                if (value == null && type.equals("double precision"))
                    nullFigures++;
                else if (value == null && type.equals("text"))
                    continue;
                else if (!javaType(type).isInstance(value))
                    wrong.add(columns.get(k).get(0) + " " + type + ": "
                              + (value == null ? "null" : value.getClass().getName()));
            }
        check(rows.size() >= 60 && columns.size() >= 20 && wrong.isEmpty(),
              view + ": " + rows.size() + " rows; each of " + columns.size()
              + " columns arrives as Long (bigint, counts never null), Double ("
              + nullFigures + " null where no answer exists), java.sql.Date or String (statuses null "
              + "there too)",
              "wrong: " + wrong.subList(0, Math.min(5, wrong.size())));
        String name = view.equals("team_monthly_scorecard") ? "scorecard" : "operations";
        List<List<Object>> got = fetch(queries.get(name));
        List<List<Object>> want = fetch(queries.get(name + "_plain"));
        String difference = differences(got, want);
        check(got.size() >= 60 && difference.isEmpty(),
              view + ": figures and counts of " + got.size()
              + " rows equal plain SQL over the raw rows", difference);
    }

    /** A summary column's whole text form, as PGobject gives it. */
    static String summaryText(ResultSet result, int column) throws SQLException {
        PGobject summary = (PGobject) result.getObject(column);
        return summary == null ? null : summary.getValue();
    }

    /** Summaries arrive as PGobject of their type, their text whole. */
    static void checkSummaries(String query, String typeName) throws Exception {
        List<List<Object>> rows = fetch(queries.get(query));
        List<String> broken = new ArrayList<>();
        int longOnes = 0;
        for (List<Object> row : rows) {
            Object value = row.get(2);
            int length = (Integer) row.get(3);
            if (length > 255)
                longOnes++;
            if (!(value instanceof PGobject) || !((PGobject) value).getType().equals(typeName)
                || ((PGobject) value).getValue().length() != length
                || !md5(((PGobject) value).getValue()).equals(row.get(4)))
                broken.add(value == null ? "null" : value.getClass().getName() + " " + value.toString().length());
        }
        check(rows.size() >= 100 && longOnes >= 10 && broken.isEmpty(),
              query.substring(5) + ": " + rows.size() + " summaries (" + longOnes
              + " longer than 255) arrive as PGobject of type " + typeName
              + ", getValue() whole", "broken: " + broken.subList(0, Math.min(5, broken.size())));
    }

    public static void main(String[] args) throws Exception {
        readQueries(args[1]);
        String url = "jdbc:postgresql://" + System.getenv("PGHOST") + ":" + System.getenv("PGPORT")
                     + "/" + args[0];
        connection = DriverManager.getConnection(url, System.getenv("PGUSER"), System.getenv("PGPASSWORD"));
        System.out.println("# " + connection.getMetaData().getDriverName() + " "
                           + connection.getMetaData().getDriverVersion() + ", Java "
                           + System.getProperty("java.version"));
        for (String view : new String[] {"team_monthly_scorecard", "team_monthly_operations"})
            checkView(view);

        // What a summary column looks like to JDBC metadata.
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(queries.get("long_aht"))) {
            ResultSetMetaData meta = result.getMetaData();
            result.next();
            check(meta.getColumnType(3) == Types.OTHER && meta.getColumnTypeName(3).equals("duration_summary")
                  && result.getString(3).equals(summaryText(result, 3)),
                  "a summary column is Types.OTHER named duration_summary; getString() gives its text",
                  meta.getColumnType(3) + " " + meta.getColumnTypeName(3));
        }
        checkSummaries("long_aht", "duration_summary");
        checkSummaries("long_qa", "rubric_summary");

        // ::text arrives as String, ::jsonb as PGobject of type jsonb.
        List<List<Object>> rows = fetch(queries.get("as_text"));
        List<String> broken = new ArrayList<>();
        Pattern responses = Pattern.compile("\"responses\": (\\d+)");
        for (List<Object> row : rows) {
            Object text = row.get(0), json = row.get(1);
            Matcher match = responses.matcher(json instanceof PGobject ? ((PGobject) json).getValue() : "");
            if (!(text instanceof String) || ((String) text).length() != (Integer) row.get(2)
                || !md5((String) text).equals(row.get(3)) || !(json instanceof PGobject)
                || !((PGobject) json).getType().equals("jsonb") || !match.find()
                || Long.parseLong(match.group(1)) != (Long) row.get(4))
                broken.add(String.valueOf(row.get(2)));
        }
        check(rows.size() >= 100 && broken.isEmpty(),
              rows.size() + " summaries read as ::text arrive as whole Strings, as ::jsonb as PGobject "
              + "of type jsonb with their count of responses", "broken: " + broken);
        connection.close();
        System.out.println("1.." + count);
        System.exit(failed == 0 ? 0 : 1);
    }
}
