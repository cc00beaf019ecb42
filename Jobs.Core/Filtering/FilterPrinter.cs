using System.Text;

namespace Jobs.Core.Filtering;

/// <summary>
/// Prints a tree in normal form: lower-case keywords and fields, one space around operators, parentheses only where
/// precedence needs them, values bare when that reads back the same and double-quoted otherwise.
/// <c>Parse(Print(node))</c> gives back an equal tree.
/// </summary>
internal static class FilterPrinter
{
    public static string Print(FilterNode node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static int Precedence(FilterNode node) => node switch
    {
        OrNode => 1,
        AndNode => 2,
        _ => 3,
    };

    private static void Write(StringBuilder sb, FilterNode node)
    {
        switch (node)
        {
            case OrNode or:
                WriteBinary(sb, or.Left, or.Right, "or", 1);
                break;
            case AndNode and:
                WriteBinary(sb, and.Left, and.Right, "and", 2);
                break;
            case NotNode not:
                sb.Append("not ");
                WriteChild(sb, not.Operand, Precedence(not.Operand) < 3);
                break;
            case ComparisonNode c:
                sb.Append(c.Field.Name()).Append(' ').Append(c.Operator.Symbol()).Append(' ');
                WriteValue(sb, c.Value);
                break;
            case InNode @in:
                WriteList(sb, @in.Field.Name(), @in.Values, @in.Negated);
                break;
            case PathComparisonNode c:
                sb.Append(c.Path).Append(' ').Append(c.Operator.Symbol()).Append(' ');
                WriteValue(sb, c.Value);
                break;
            case PathInNode @in:
                WriteList(sb, @in.Path, @in.Values, @in.Negated);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name);
        }
    }

    private static void WriteList(StringBuilder sb, string field, IReadOnlyList<string> values, bool negated)
    {
        sb.Append(field).Append(negated ? " not in (" : " in (");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            WriteValue(sb, values[i]);
        }
        sb.Append(')');
    }

    private static void WriteBinary(StringBuilder sb, FilterNode left, FilterNode right, string keyword, int precedence)
    {
        // Left-associative: a left child of equal precedence needs no parentheses, a right one does.
        WriteChild(sb, left, Precedence(left) < precedence);
        sb.Append(' ').Append(keyword).Append(' ');
        WriteChild(sb, right, Precedence(right) <= precedence);
    }

    private static void WriteChild(StringBuilder sb, FilterNode child, bool parenthesize)
    {
        if (parenthesize) sb.Append('(');
        Write(sb, child);
        if (parenthesize) sb.Append(')');
    }

    internal static void WriteValue(StringBuilder sb, string value)
    {
        if (value.Length > 0 && value.All(FilterTokenizer.IsBareChar) && !FilterNames.IsKeyword(value))
        {
            sb.Append(value);
            return;
        }
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                sb.Append("\\\"");
            }
            else if (c == '\\' && (i + 1 == value.Length || value[i + 1] is '\\' or '"' or '\''))
            {
                // Only a backslash the tokenizer would read as an escape needs doubling; "\d" stays readable.
                sb.Append("\\\\");
            }
            else
            {
                sb.Append(c);
            }
        }
        sb.Append('"');
    }
}
