namespace ImageBuild.Cli.Rendering;

internal enum TemplateTokenKind
{
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Identifier,
    Keyword,
    Field,
    Variable,
    Dot,
    String,
    Char,
    Number,
    Bool,
    Nil,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,
    Other,
    Eof,
}

/// <summary>A lexed piece of a template; <see cref="Position"/> is its offset in the template text.</summary>
internal sealed record TemplateToken(TemplateTokenKind Kind, string Value, int Position)
{
    public string Describe() => Kind switch
    {
        TemplateTokenKind.Eof => "EOF",
        TemplateTokenKind.RightDelim => "\"}}\"",
        TemplateTokenKind.LeftDelim => "\"{{\"",
        TemplateTokenKind.Space => "space",
        _ => $"\"{Value}\"",
    };
}
