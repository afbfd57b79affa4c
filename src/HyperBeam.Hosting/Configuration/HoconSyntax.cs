namespace HyperBeam.Hosting.Configuration;

/// <summary>
/// A structural check of HOCON text before Akka's parser sees it. That parser is lenient where it should not be: an
/// extra closing brace is silently dropped (the node starts on half its settings) and a mismatched bracket such as
/// <c>port = [ }</c> can make it loop forever. This scan finds those cases — quoted strings left open at the end of
/// a line, triple-quoted strings never closed, braces and brackets that do not pair up — and names the line.
/// Everything else (keys, values, includes) is left to the parser.
/// </summary>
public static class HoconSyntax
{
    /// <summary>Throws <see cref="NodeConfigurationException"/> naming <paramref name="source"/> and the line at fault.</summary>
    public static void Check(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = new Stack<(char Bracket, int Line, int Column)>();
        var (line, lineStart) = (1, 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var column = i - lineStart + 1;
            if (c == '\n')
            {
                (line, lineStart) = (line + 1, i + 1);
                continue;
            }
            if (c == '#' || (c == '/' && At(text, i + 1, '/')))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            if (c == '"' && At(text, i + 1, '"') && At(text, i + 2, '"'))
            {
                var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                if (end < 0) throw Fail(source, line, column, "a \"\"\" string is never closed");
                for (var j = i; j < end; j++)
                    if (text[j] == '\n') (line, lineStart) = (line + 1, j + 1);
                // HOCON lets a triple-quoted string end in more quotes: they belong to the string.
                i = end + 2;
                while (At(text, i + 1, '"')) i++;
                continue;
            }
            if (c == '"')
            {
                for (i++; ; i++)
                {
                    if (i >= text.Length || text[i] == '\n') throw Fail(source, line, column, "a quoted string is not closed on its line");
                    if (text[i] == '\\') i++;
                    else if (text[i] == '"') break;
                }
                continue;
            }
            switch (c)
            {
                case '{' or '[':
                    open.Push((c, line, column));
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0) throw Fail(source, line, column, $"'{c}' closes nothing");
                    var (bracket, openLine, openColumn) = open.Pop();
                    if (bracket != expected)
                        throw Fail(source, line, column, $"'{c}' cannot close the '{bracket}' opened at line {openLine}, column {openColumn}");
                    break;
            }
        }
        if (open.Count > 0)
        {
            var (bracket, openLine, openColumn) = open.Peek();
            throw Fail(source, openLine, openColumn, $"'{bracket}' is never closed");
        }
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static NodeConfigurationException Fail(string source, int line, int column, string problem) =>
        new($"{source} is not valid HOCON: line {line}, column {column}: {problem}");
}
