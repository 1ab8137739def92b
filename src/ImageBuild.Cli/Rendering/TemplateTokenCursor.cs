namespace ImageBuild.Cli.Rendering;

/// <summary>A position in a template's token list, with the look-ahead the parser needs (spaces matter inside actions).</summary>
internal sealed class TemplateTokenCursor
{
    private readonly IReadOnlyList<TemplateToken> _tokens;

    public TemplateTokenCursor(IReadOnlyList<TemplateToken> tokens)
    {
        _tokens = tokens;
    }

    /// <summary>Index of the next token; the parser saves and restores it to look further ahead.</summary>
    public int Index { get; set; }

    public TemplateToken Previous => _tokens[Index - 1];

    public TemplateToken Peek() => _tokens[Index];

    public TemplateToken Next() => _tokens[Index++];

    public void Back() => Index--;

    public void SkipSpaces()
    {
        while (_tokens[Index].Kind == TemplateTokenKind.Space)
        {
            Index++;
        }
    }

    public TemplateToken PeekNonSpace()
    {
        SkipSpaces();
        return _tokens[Index];
    }

    public TemplateToken NextNonSpace()
    {
        SkipSpaces();
        return _tokens[Index++];
    }

    public void Expect(TemplateTokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }
    }

    public static TemplateSyntaxException Unexpected(TemplateToken token, string context) =>
        new(token.Position, $"unexpected {token.Describe()} in {context}");
}
