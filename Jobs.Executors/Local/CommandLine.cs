using System.Text;

namespace Jobs.Executors.Local;

/// <summary>
/// Splits a command line into arguments without a shell: whitespace separates, single or double quotes group,
/// a backslash escapes the next character outside single quotes. No globbing, no variables, no pipes or
/// redirections — those characters are passed to the program as they are.
/// </summary>
public static class CommandLine
{
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var inArg = false;
        char? quote = null;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = null; else current.Append(c);
                continue;
            }
            if (c == '\\' && i + 1 < commandLine.Length)
            {
                current.Append(commandLine[++i]);
                inArg = true;
                continue;
            }
            if (quote == '"')
            {
                if (c == '"') quote = null; else current.Append(c);
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                inArg = true;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inArg) args.Add(current.ToString());
                current.Clear();
                inArg = false;
                continue;
            }
            current.Append(c);
            inArg = true;
        }
        if (quote is not null) throw new FormatException($"Unclosed {quote} quote in the command.");
        if (inArg) args.Add(current.ToString());
        return args;
    }
}
