using System.Text;

namespace Jobs.Core.Filtering;

internal enum TokenKind
{
    Word,
    Quoted,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token; <see cref="Position"/> is 1-based, <see cref="Text"/> is the unquoted value for quoted tokens.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool IsWord(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token is named in error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of filter",
        TokenKind.Quoted => "a quoted value",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits filter text into tokens. Bare words run until whitespace or one of <c>( ) , = ! &lt; &gt; ~ " '</c>;
/// quoted values use single or double quotes, where a backslash escapes the quote or a backslash and any other
/// backslash is kept as written (so <c>"^db-\d+"</c> is the regular expression <c>^db-\d+</c>).
/// </summary>
internal static class FilterTokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i + 1;
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", start));
                    i++;
                    break;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", start));
                    i++;
                    break;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", start));
                    i++;
                    break;
                case '=' or '~':
                    tokens.Add(new Token(TokenKind.Operator, c.ToString(), start));
                    i++;
                    break;
                case '!':
                    if (i + 1 < text.Length && text[i + 1] == '=')
                    {
                        tokens.Add(new Token(TokenKind.Operator, "!=", start));
                        i += 2;
                        break;
                    }
                    throw new FilterSyntaxException(start, "unexpected '!'; did you mean '!=' or 'not'?");
                case '<' or '>':
                    if (i + 1 < text.Length && text[i + 1] == '=')
                    {
                        tokens.Add(new Token(TokenKind.Operator, c + "=", start));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Operator, c.ToString(), start));
                        i++;
                    }
                    break;
                case '"' or '\'':
                    i = ReadQuoted(text, i, tokens);
                    break;
                default:
                    if (!IsBareChar(c))
                        throw new FilterSyntaxException(start, $"unexpected character U+{(int)c:X4}");
                    var end = i;
                    while (end < text.Length && IsBareChar(text[end])) end++;
                    tokens.Add(new Token(TokenKind.Word, text[i..end], start));
                    i = end;
                    break;
            }
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    /// <summary>Characters allowed in a bare (unquoted) value.</summary>
    public static bool IsBareChar(char c) =>
        !char.IsWhiteSpace(c) && c is not ('(' or ')' or ',' or '=' or '!' or '<' or '>' or '~' or '"' or '\'')
        && !char.IsControl(c);

    private static int ReadQuoted(string text, int open, List<Token> tokens)
    {
        var quote = text[open];
        var sb = new StringBuilder();
        var i = open + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\' || text[i + 1] is '"' or '\''))
            {
                sb.Append(text[i + 1]);
                i += 2;
                continue;
            }
            if (c == quote)
            {
                tokens.Add(new Token(TokenKind.Quoted, sb.ToString(), open + 1));
                return i + 1;
            }
            sb.Append(c);
            i++;
        }
        throw new FilterSyntaxException(open + 1, $"the quoted value starting here is missing its closing {quote}");
    }
}
