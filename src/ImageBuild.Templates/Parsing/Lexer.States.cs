using ImageBuild.Templates.Formatting;

namespace ImageBuild.Templates.Parsing;

/// <summary>The lexer's states, each returning the next (null once an item is ready).</summary>
internal sealed partial class Lexer
{
    private State? LexText()
    {
        var found = IndexOf(LeftDelim, position);
        if (found >= 0)
        {
            if (found > 0)
            {
                position += found;
                var trimLength = 0;
                var delimEnd = position + LeftDelim.Length;
                if (HasLeftTrimMarker(delimEnd))
                {
                    trimLength = RightTrimLength(start, position);
                }

                position -= trimLength;
                line += CountNewlines(start, position);
                var text = ThisItem(ItemType.Text);
                position += trimLength;
                Ignore();
                if (text.Value.Length > 0)
                {
                    return EmitItem(text);
                }
            }

            return LexLeftDelim;
        }

        position = input.Length;
        if (position > start)
        {
            line += CountNewlines(start, position);
            return Emit(ItemType.Text);
        }

        return Emit(ItemType.Eof);
    }

    private int RightTrimLength(int from, int to)
    {
        var length = 0;
        while (to - length > from && IsSpace(input[to - length - 1]))
        {
            length++;
        }

        return length;
    }

    private int LeftTrimLength(int from)
    {
        var length = 0;
        while (from + length < input.Length && IsSpace(input[from + length]))
        {
            length++;
        }

        return length;
    }

    private (bool Delim, bool TrimSpaces) AtRightDelim()
    {
        if (HasRightTrimMarker(position) && HasPrefix(position + TrimMarkerLength, RightDelim))
        {
            return (true, true);
        }

        return (HasPrefix(position, RightDelim), false);
    }

    private State? LexLeftDelim()
    {
        position += LeftDelim.Length;
        var trimSpace = HasLeftTrimMarker(position);
        var afterMarker = trimSpace ? TrimMarkerLength : 0;
        if (HasPrefix(position + afterMarker, LeftComment))
        {
            position += afterMarker;
            Ignore();
            return LexComment;
        }

        var delim = ThisItem(ItemType.LeftDelim);
        insideAction = true;
        position += afterMarker;
        Ignore();
        parenDepth = 0;
        return EmitItem(delim);
    }

    private State? LexComment()
    {
        position += LeftComment.Length;
        var found = IndexOf(RightComment, position);
        if (found < 0)
        {
            return Errorf("unclosed comment");
        }

        position += found + RightComment.Length;
        var (delim, trimSpace) = AtRightDelim();
        if (!delim)
        {
            return Errorf("comment ends before closing delimiter");
        }

        if (trimSpace)
        {
            position += TrimMarkerLength;
        }

        position += RightDelim.Length;
        if (trimSpace)
        {
            position += LeftTrimLength(position);
        }

        Ignore();
        return LexText;
    }

    private State? LexRightDelim()
    {
        var (_, trimSpace) = AtRightDelim();
        if (trimSpace)
        {
            position += TrimMarkerLength;
            Ignore();
        }

        position += RightDelim.Length;
        var delim = ThisItem(ItemType.RightDelim);
        if (trimSpace)
        {
            position += LeftTrimLength(position);
            Ignore();
        }

        insideAction = false;
        return EmitItem(delim);
    }

    private State? LexInsideAction()
    {
        var (delim, _) = AtRightDelim();
        if (delim)
        {
            return parenDepth == 0 ? LexRightDelim : Errorf("unclosed left paren");
        }

        var rune = Next();
        switch (rune)
        {
            case Eof:
                return Errorf("unclosed action");
            case ' ' or '\t' or '\r' or '\n':
                Backup();
                return LexSpace;
            case '=':
                return Emit(ItemType.Assign);
            case ':':
                return Next() != '=' ? Errorf("expected :=") : Emit(ItemType.Declare);
            case '|':
                return Emit(ItemType.Pipe);
            case '"':
                return LexQuote;
            case '`':
                return LexRawQuote;
            case '$':
                return LexVariable;
            case '\'':
                return LexChar;
            case '.' when position < input.Length && input[position] is < (byte)'0' or > (byte)'9':
                return LexField;
            case '.' or '+' or '-' or (>= '0' and <= '9'):
                Backup();
                return LexNumber;
            case '(':
                parenDepth++;
                return Emit(ItemType.LeftParen);
            case ')':
                parenDepth--;
                return parenDepth < 0 ? Errorf("unexpected right paren") : Emit(ItemType.RightParen);
        }

        if (IsAlphanumeric(rune))
        {
            Backup();
            return LexIdentifier;
        }

        if (rune < 0x80 && GoQuote.IsPrint(rune))
        {
            return Emit(ItemType.Char);
        }

        return Errorf($"unrecognized character in action: {DescribeRune(rune)}");
    }

    private State? LexSpace()
    {
        var spaces = 0;
        while (IsSpace(Peek()))
        {
            Next();
            spaces++;
        }

        // " -}}" closes the action with a trim marker: the space belongs to the delimiter.
        if (HasRightTrimMarker(position - 1) && HasPrefix(position - 1 + TrimMarkerLength, RightDelim))
        {
            Backup();
            if (spaces == 1)
            {
                return LexRightDelim;
            }
        }

        return Emit(ItemType.Space);
    }

    private State? LexIdentifier()
    {
        while (true)
        {
            var rune = Next();
            if (IsAlphanumeric(rune))
            {
                continue;
            }

            Backup();
            var word = Text(start, position);
            if (!AtTerminator())
            {
                return Errorf($"bad character {DescribeRune(rune)}");
            }

            if (Keywords.TryGetValue(word, out var keyword))
            {
                return Emit(keyword);
            }

            return word is "true" or "false" ? Emit(ItemType.Bool) : Emit(word[0] == '.' ? ItemType.Field : ItemType.Identifier);
        }
    }

    private State? LexField() => LexFieldOrVariable(ItemType.Field);

    private State? LexVariable() => AtTerminator() ? Emit(ItemType.Variable) : LexFieldOrVariable(ItemType.Variable);

    private State? LexFieldOrVariable(ItemType type)
    {
        if (AtTerminator())
        {
            return Emit(type == ItemType.Variable ? ItemType.Variable : ItemType.Dot);
        }

        int rune;
        while (true)
        {
            rune = Next();
            if (!IsAlphanumeric(rune))
            {
                Backup();
                break;
            }
        }

        return !AtTerminator() ? Errorf($"bad character {DescribeRune(rune)}") : Emit(type);
    }

    private bool AtTerminator()
    {
        var rune = Peek();
        return IsSpace(rune) || rune is Eof or '.' or ',' or '|' or ':' or ')' or '(' || HasPrefix(position, RightDelim);
    }

    private State? LexChar() => LexQuoted('\'', ItemType.CharConstant, "unterminated character constant");

    private State? LexNumber()
    {
        if (!ScanNumber())
        {
            return Errorf($"bad number syntax: {GoQuote.Quote(Text(start, position))}");
        }

        if (Peek() is '+' or '-')
        {
            // A complex number such as 1+2i: no spaces, ends in 'i'.
            if (!ScanNumber() || input[position - 1] != 'i')
            {
                return Errorf($"bad number syntax: {GoQuote.Quote(Text(start, position))}");
            }

            return Emit(ItemType.Complex);
        }

        return Emit(ItemType.Number);
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (IsAlphanumeric(Peek()))
        {
            Next();
            return false;
        }

        return true;
    }

    private State? LexQuote() => LexQuoted('"', ItemType.String, "unterminated quoted string");

    /// <summary>A quoted string or character constant: backslash escapes, no newline, ends at the quote.</summary>
    private State? LexQuoted(char quote, ItemType type, string unterminated)
    {
        while (true)
        {
            var rune = Next();
            if (rune == '\\')
            {
                rune = Next();
                if (rune != Eof && rune != '\n')
                {
                    continue;
                }

                return Errorf(unterminated);
            }

            if (rune is Eof or '\n')
            {
                return Errorf(unterminated);
            }

            if (rune == quote)
            {
                return Emit(type);
            }
        }
    }

    private State? LexRawQuote()
    {
        while (true)
        {
            switch (Next())
            {
                case Eof:
                    return Errorf("unterminated raw quoted string");
                case '`':
                    return Emit(ItemType.RawString);
            }
        }
    }
}
