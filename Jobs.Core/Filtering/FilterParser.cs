namespace Jobs.Core.Filtering;

/// <summary>
/// Recursive-descent parser of the host filter language:
/// <code>
/// filter     := or END
/// or         := and ("or" and)*
/// and        := unary ("and" unary)*
/// unary      := "not" unary | "(" or ")" | comparison
/// comparison := field op value | field ["not"] "in" "(" value ("," value)* ")"
/// op         := "=" | "!=" | "&gt;" | "&lt;" | "&gt;=" | "&lt;=" | "~"
/// </code>
/// so <c>not</c> binds tighter than <c>and</c>, which binds tighter than <c>or</c>. Keywords and field names are
/// case-insensitive. Every error names the 1-based position and what was expected there.
/// </summary>
/// <remarks>What a field may be — the host filter's fixed names, or an event's JSON paths — is the parser's
/// <see cref="IFilterVocabulary"/>; the grammar, the limits and the messages are the same for both.</remarks>
internal sealed class FilterParser
{
    public const int MaxLength = 8000;
    public const int MaxDepth = 64;
    public const int MaxListValues = 1000;
    /// <summary>
    /// Conditions in one filter. Each is a term of the SQL (a tag condition an <c>EXISTS</c> sub-query), and a few
    /// thousand of them took seconds to translate and plan per request (issue 13); many values go in one <c>in (…)</c>.
    /// </summary>
    public const int MaxConditions = 100;

    private readonly List<Token> _tokens;
    private readonly IFilterVocabulary _fields;
    private int _index;
    private int _depth;
    private int _conditions;

    private FilterParser(List<Token> tokens, IFilterVocabulary fields) => (_tokens, _fields) = (tokens, fields);

    /// <summary>Parses non-blank host filter text into a tree.</summary>
    public static FilterNode Parse(string text) => Parse(text, HostVocabulary.Instance);

    /// <summary>Parses non-blank text whose fields <paramref name="fields"/> resolves into a tree.</summary>
    public static FilterNode Parse(string text, IFilterVocabulary fields)
    {
        if (text.Length > MaxLength)
            throw new FilterSyntaxException(MaxLength + 1, $"the filter is longer than {MaxLength} characters");
        var parser = new FilterParser(FilterTokenizer.Tokenize(text), fields);
        var node = parser.ParseOr();
        var next = parser.Peek;
        if (next.Kind != TokenKind.End)
        {
            throw next.Kind == TokenKind.RightParen
                ? new FilterSyntaxException(next.Position, "unexpected ')' without a matching '('")
                : new FilterSyntaxException(next.Position, $"expected 'and', 'or' or the end of the filter, found {next.Describe()}");
        }
        return node;
    }

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (Peek.IsWord("or"))
        {
            var op = Next();
            RequireOperand(op);
            left = new OrNode(left, ParseAnd());
        }
        return left;
    }

    private FilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (Peek.IsWord("and"))
        {
            var op = Next();
            RequireOperand(op);
            left = new AndNode(left, ParseUnary());
        }
        return left;
    }

    private void RequireOperand(Token keyword)
    {
        if (Peek.Kind is TokenKind.End or TokenKind.RightParen)
            throw new FilterSyntaxException(Peek.Position, $"expected a condition after '{keyword.Text.ToLowerInvariant()}'");
    }

    private FilterNode ParseUnary()
    {
        if (++_depth > MaxDepth)
            throw new FilterSyntaxException(Peek.Position, $"the filter nests deeper than {MaxDepth} levels");
        try
        {
            var token = Peek;
            if (token.IsWord("not"))
            {
                Next();
                RequireOperand(token);
                return new NotNode(ParseUnary());
            }
            if (token.Kind == TokenKind.LeftParen)
            {
                Next();
                if (Peek.Kind == TokenKind.RightParen)
                    throw new FilterSyntaxException(Peek.Position, "expected a condition inside '( )'");
                var inner = ParseOr();
                if (Peek.Kind != TokenKind.RightParen)
                {
                    throw new FilterSyntaxException(Peek.Position,
                        $"expected ')' to close the '(' at character {token.Position}, found {Peek.Describe()}");
                }
                Next();
                return inner;
            }
            return ParseComparison();
        }
        finally
        {
            _depth--;
        }
    }

    private FilterNode ParseComparison()
    {
        if (++_conditions > MaxConditions)
        {
            throw new FilterSyntaxException(Peek.Position,
                $"the filter has more than {MaxConditions} conditions; put many values in one list, e.g. hostname in (web-01, web-02, …)");
        }
        var fieldToken = Next();
        if (fieldToken.Kind != TokenKind.Word)
        {
            throw new FilterSyntaxException(fieldToken.Position,
                $"expected a field name ({_fields.KnownFields}), found {fieldToken.Describe()}");
        }
        _fields.CheckField(fieldToken);

        var opToken = Next();
        if (opToken.IsWord("in"))
            return ParseList(fieldToken, negated: false);
        if (opToken.IsWord("not"))
        {
            var inToken = Next();
            if (!inToken.IsWord("in"))
                throw new FilterSyntaxException(inToken.Position, $"expected 'in' after 'not', found {inToken.Describe()}");
            return ParseList(fieldToken, negated: true);
        }
        if (opToken.Kind != TokenKind.Operator)
        {
            throw new FilterSyntaxException(opToken.Position,
                $"expected an operator (=, !=, >, <, >=, <=, ~, in, not in) after '{fieldToken.Text}', found {opToken.Describe()}");
        }

        var op = opToken.Text switch
        {
            "=" => FilterOperator.Equal,
            "!=" => FilterOperator.NotEqual,
            ">" => FilterOperator.Greater,
            "<" => FilterOperator.Less,
            ">=" => FilterOperator.GreaterOrEqual,
            "<=" => FilterOperator.LessOrEqual,
            _ => FilterOperator.Matches,
        };
        _fields.CheckOperator(fieldToken, op, opToken);
        var valueToken = Next();
        if (valueToken.Kind is not (TokenKind.Word or TokenKind.Quoted))
            throw new FilterSyntaxException(valueToken.Position, $"expected a value after '{opToken.Text}', found {valueToken.Describe()}");
        var value = _fields.CheckValue(fieldToken, valueToken);
        if (op == FilterOperator.Matches)
            PortableRegex.Validate(value, valueToken.Position);
        return _fields.Comparison(fieldToken, op, value);
    }

    private FilterNode ParseList(Token fieldToken, bool negated)
    {
        var open = Next();
        if (open.Kind != TokenKind.LeftParen)
            throw new FilterSyntaxException(open.Position, $"expected '(' after 'in', found {open.Describe()}");
        var values = new List<string>();
        while (true)
        {
            var valueToken = Next();
            if (valueToken.Kind is not (TokenKind.Word or TokenKind.Quoted))
            {
                throw new FilterSyntaxException(valueToken.Position, values.Count == 0
                    ? $"expected a value after '(', found {valueToken.Describe()}"
                    : $"expected a value after ',', found {valueToken.Describe()}");
            }
            if (values.Count == MaxListValues)
                throw new FilterSyntaxException(valueToken.Position, $"a list holds at most {MaxListValues} values");
            values.Add(_fields.CheckValue(fieldToken, valueToken));
            var sep = Next();
            if (sep.Kind == TokenKind.RightParen) break;
            if (sep.Kind != TokenKind.Comma)
            {
                throw new FilterSyntaxException(sep.Position,
                    $"expected ',' or ')' in the list of '{fieldToken.Text} {(negated ? "not in" : "in")}' opened at character {open.Position}, found {sep.Describe()}");
            }
        }
        return _fields.List(fieldToken, values, negated);
    }
}
