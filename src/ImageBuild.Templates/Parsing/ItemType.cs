namespace ImageBuild.Templates.Parsing;

/// <summary>The lexical items of a template, in Go's order: those after <see cref="Keyword"/> are keywords.</summary>
internal enum ItemType
{
    Error,
    Bool,
    Char,
    CharConstant,
    Comment,
    Complex,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,
    Keyword,
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

/// <summary>
/// One lexed item. <see cref="Position"/> is a byte offset in the template, <see cref="Line"/> the line it starts on;
/// <see cref="Value"/> is its text (for an error item, the message).
/// </summary>
internal readonly record struct Item(ItemType Type, int Position, string Value, int Line)
{
    /// <summary>How Go's parser names the item in "unexpected ..." messages.</summary>
    public override string ToString()
    {
        if (Type == ItemType.Eof)
        {
            return "EOF";
        }

        if (Type == ItemType.Error)
        {
            return Value;
        }

        if (Type > ItemType.Keyword)
        {
            return $"<{Value}>";
        }

        var runes = Text.GoText.Runes(Value).ToList();
        return runes.Count > 10
            ? Formatting.GoQuote.Quote(string.Concat(runes.Take(10).Select(r => r.Text))) + "..."
            : Formatting.GoQuote.Quote(Value);
    }
}
