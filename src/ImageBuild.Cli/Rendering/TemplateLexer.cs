namespace ImageBuild.Cli.Rendering;

/// <summary>
/// Splits a template into text and action tokens with Go's rules: "{{- " trims whitespace before the action,
/// " -}}" after it, "{{/* ... */}}" is a comment, and spaces inside actions separate operands.
/// </summary>
internal sealed class TemplateLexer
{
    private static readonly HashSet<string> Keywords = ["if", "else", "end", "range", "with", "break", "continue", "define", "template", "block"];

    private readonly string _text;
    private readonly List<TemplateToken> _tokens = [];
    private int _position;
    private int _parenDepth;

    private TemplateLexer(string text)
    {
        _text = text;
    }

    public static IReadOnlyList<TemplateToken> Lex(string text)
    {
        var lexer = new TemplateLexer(text);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var trimNextText = false;
        while (_position < _text.Length)
        {
            var start = _position;
            var open = _text.IndexOf("{{", _position, StringComparison.Ordinal);
            var end = open < 0 ? _text.Length : open;
            var trimBefore = open >= 0 && HasLeftTrimMarker(open + 2);
            var text = _text[start..end];
            if (trimNextText)
            {
                var trimmed = text.TrimStart(' ', '\t', '\r', '\n');
                start += text.Length - trimmed.Length;
                text = trimmed;
            }

            if (trimBefore)
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
            }

            if (text.Length > 0)
            {
                _tokens.Add(new TemplateToken(TemplateTokenKind.Text, text, start));
            }

            if (open < 0)
            {
                break;
            }

            _position = open + 2 + (trimBefore ? 2 : 0);
            trimNextText = LexAction(open);
        }

        _tokens.Add(new TemplateToken(TemplateTokenKind.Eof, string.Empty, _text.Length));
    }

    private bool HasLeftTrimMarker(int at) => at + 1 < _text.Length && _text[at] == '-' && IsSpace(_text[at + 1]);

    private bool AtRightDelim(out bool trim)
    {
        trim = _position + 1 < _text.Length && IsSpace(_text[_position]) && _text[_position + 1] == '-'
            && string.CompareOrdinal(_text, _position + 2, "}}", 0, 2) == 0;
        return trim || string.CompareOrdinal(_text, _position, "}}", 0, 2) == 0;
    }

    /// <summary>Lexes one action; returns whether it ends with a right trim marker.</summary>
    private bool LexAction(int open)
    {
        if (string.CompareOrdinal(_text, _position, "/*", 0, 2) == 0)
        {
            var close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateSyntaxException(open, "unclosed comment");
            }

            _position = close + 2;
            if (!AtRightDelim(out var trimComment))
            {
                throw new TemplateSyntaxException(open, "comment ends before closing delimiter");
            }

            _position += trimComment ? 4 : 2;
            return trimComment;
        }

        _tokens.Add(new TemplateToken(TemplateTokenKind.LeftDelim, "{{", open));
        _parenDepth = 0;
        while (true)
        {
            if (AtRightDelim(out var trim) && _parenDepth == 0)
            {
                _tokens.Add(new TemplateToken(TemplateTokenKind.RightDelim, "}}", _position));
                _position += trim ? 4 : 2;
                return trim;
            }

            if (_position >= _text.Length)
            {
                throw new TemplateSyntaxException(open, "unclosed action");
            }

            LexInsideAction();
        }
    }

    private void LexInsideAction()
    {
        var start = _position;
        var c = _text[_position];
        if (AtRightDelim(out _))
        {
            throw new TemplateSyntaxException(start, "unclosed left paren");
        }

        if (IsSpace(c))
        {
            // A space followed by "-}}" belongs to the trim marker, not to the operands.
            do
            {
                _position++;
            }
            while (_position < _text.Length && IsSpace(_text[_position]) && !(AtRightDelim(out var trim) && trim));

            Emit(TemplateTokenKind.Space, start);
            return;
        }

        switch (c)
        {
            case '=':
                _position++;
                Emit(TemplateTokenKind.Assign, start);
                return;
            case ':':
                if (Peek(1) != '=')
                {
                    throw new TemplateSyntaxException(start, "expected :=");
                }

                _position += 2;
                Emit(TemplateTokenKind.Declare, start);
                return;
            case '|':
                _position++;
                Emit(TemplateTokenKind.Pipe, start);
                return;
            case ',':
                _position++;
                Emit(TemplateTokenKind.Comma, start);
                return;
            case '(':
                _position++;
                _parenDepth++;
                Emit(TemplateTokenKind.LeftParen, start);
                return;
            case ')':
                _position++;
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    throw new TemplateSyntaxException(start, "unexpected right paren");
                }

                Emit(TemplateTokenKind.RightParen, start);
                return;
            case '"':
                LexQuote('"', TemplateTokenKind.String, "unterminated quoted string");
                return;
            case '\'':
                LexQuote('\'', TemplateTokenKind.Char, "unterminated character constant");
                return;
            case '`':
                var close = _text.IndexOf('`', _position + 1);
                if (close < 0)
                {
                    throw new TemplateSyntaxException(start, "unterminated raw quoted string");
                }

                _position = close + 1;
                Emit(TemplateTokenKind.String, start);
                return;
            case '$':
                _position++;
                SkipAlphanumeric();
                Emit(TemplateTokenKind.Variable, start);
                return;
            case '.' when !char.IsAsciiDigit(Peek(1)):
                _position++;
                if (IsAlphanumeric(Peek(0)))
                {
                    SkipAlphanumeric();
                    Emit(TemplateTokenKind.Field, start);
                }
                else
                {
                    Emit(TemplateTokenKind.Dot, start);
                }

                return;
        }

        if (c is '+' or '-' or '.' || char.IsAsciiDigit(c))
        {
            LexNumber(start);
            return;
        }

        if (IsAlphanumeric(c))
        {
            SkipAlphanumeric();
            var word = _text[start.._position];
            var kind = word switch
            {
                "true" or "false" => TemplateTokenKind.Bool,
                "nil" => TemplateTokenKind.Nil,
                _ when Keywords.Contains(word) => TemplateTokenKind.Keyword,
                _ => TemplateTokenKind.Identifier,
            };
            Emit(kind, start);
            return;
        }

        _position += char.IsSurrogatePair(_text, _position) ? 2 : 1;
        Emit(TemplateTokenKind.Other, start);
    }

    private void LexQuote(char quote, TemplateTokenKind kind, string unterminated)
    {
        var start = _position++;
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw new TemplateSyntaxException(start, unterminated);
            }

            var c = _text[_position++];
            if (c == '\\' && _position < _text.Length && _text[_position] != '\n')
            {
                _position++;
            }
            else if (c == quote)
            {
                break;
            }
        }

        Emit(kind, start);
    }

    private void LexNumber(int start)
    {
        if (_text[_position] is '+' or '-')
        {
            _position++;
        }

        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or '_'
            || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E' or 'p' or 'P')))
        {
            _position++;
        }

        if (_position < _text.Length && IsAlphanumeric(_text[_position]))
        {
            throw new TemplateSyntaxException(start, $"bad number syntax: \"{_text[start..(_position + 1)]}\"");
        }

        Emit(TemplateTokenKind.Number, start);
    }

    private void SkipAlphanumeric()
    {
        while (_position < _text.Length && IsAlphanumeric(_text[_position]))
        {
            _position++;
        }
    }

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Emit(TemplateTokenKind kind, int start) => _tokens.Add(new TemplateToken(kind, _text[start.._position], start));

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphanumeric(char c) => c == '_' || char.IsLetterOrDigit(c);
}
