namespace ImageBuild.Templates.Parsing;

/// <summary>Pipelines, commands, operands and terms.</summary>
internal sealed partial class Parser
{
    private PipeNode Pipeline(string context, ItemType end)
    {
        var start = PeekNonSpace();
        var pipe = new PipeNode(start.Position, start.Line);
        Declarations(pipe, context);
        while (true)
        {
            var item = NextNonSpace();
            switch (item.Type)
            {
                case var type when type == end:
                    CheckPipeline(pipe, context);
                    return pipe;
                case ItemType.Bool or ItemType.CharConstant or ItemType.Complex or ItemType.Dot or ItemType.Field
                    or ItemType.Identifier or ItemType.Number or ItemType.Nil or ItemType.RawString or ItemType.String
                    or ItemType.Variable or ItemType.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    throw Unexpected(item, context);
            }
        }
    }

    /// <summary>"$x :=", "$x =" or (in range) "$i, $x :=" at the start of a pipeline.</summary>
    private void Declarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace() is { Type: ItemType.Variable })
        {
            var variable = Next();
            var afterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Type is ItemType.Assign or ItemType.Declare)
            {
                pipe.IsAssign = next.Type == ItemType.Assign;
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(variable.Position, variable.Value));
                variables.Add(variable.Value);
                return;
            }

            if (next.Type == ItemType.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(variable.Position, variable.Value));
                variables.Add(variable.Value);
                if (context == "range" && pipe.Declarations.Count < 2)
                {
                    if (PeekNonSpace().Type is ItemType.Variable or ItemType.RightDelim or ItemType.RightParen)
                    {
                        continue;
                    }

                    throw Errorf("range can only initialize variables");
                }

                throw Errorf($"too many declarations in {context}");
            }

            if (afterVariable.Type == ItemType.Space)
            {
                Backup3(variable, afterVariable);
            }
            else
            {
                Backup2(variable);
            }

            return;
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Commands.Count == 0)
        {
            throw Errorf($"missing value for {context}");
        }

        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Arguments[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Errorf($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var command = new CommandNode(PeekNonSpace().Position);
        while (true)
        {
            PeekNonSpace();
            if (Operand() is { } operand)
            {
                command.Arguments.Add(operand);
            }

            var item = Next();
            switch (item.Type)
            {
                case ItemType.Space:
                    continue;
                case ItemType.RightDelim or ItemType.RightParen:
                    Backup();
                    break;
                case ItemType.Pipe:
                    break;
                default:
                    throw Unexpected(item, "operand");
            }

            break;
        }

        return command.Arguments.Count == 0 ? throw Errorf("empty command") : command;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Type != ItemType.Field)
        {
            return node;
        }

        var chain = new ChainNode(Peek().Position, node);
        while (Peek().Type == ItemType.Field)
        {
            chain.Add(Next().Value);
        }

        return node switch
        {
            FieldNode => new FieldNode(chain.Position, chain.ToString()),
            VariableNode => new VariableNode(chain.Position, chain.ToString()),
            BoolNode or StringNode or NumberNode or NilNode or DotNode =>
                throw Errorf($"unexpected . after term {Formatting.GoQuote.Quote(node.ToString())}"),
            _ => chain,
        };
    }

    private Node? Term()
    {
        var item = NextNonSpace();
        switch (item.Type)
        {
            case ItemType.Identifier:
                return isFunction(item.Value)
                    ? new IdentifierNode(item.Position, item.Value)
                    : throw Errorf($"function {Formatting.GoQuote.Quote(item.Value)} not defined");
            case ItemType.Dot:
                return new DotNode(item.Position);
            case ItemType.Nil:
                return new NilNode(item.Position);
            case ItemType.Variable:
                return UseVariable(item);
            case ItemType.Field:
                return new FieldNode(item.Position, item.Value);
            case ItemType.Bool:
                return new BoolNode(item.Position, item.Value == "true");
            case ItemType.CharConstant or ItemType.Complex or ItemType.Number:
                return NumberLiteral.Parse(item.Position, item.Value, item.Type);
            case ItemType.LeftParen:
                EnterNesting();
                var pipe = StackGuard.Run(() => Pipeline("parenthesized pipeline", ItemType.RightParen));
                nesting--;
                return pipe;
            case ItemType.String or ItemType.RawString:
                return GoStrconv.TryUnquote(item.Value, out var text)
                    ? new StringNode(item.Position, item.Value, text)
                    : throw Errorf("invalid syntax");
        }

        Backup();
        return null;
    }

    private VariableNode UseVariable(Item item)
    {
        var node = new VariableNode(item.Position, item.Value);
        return variables.Contains(node.Identifiers[0])
            ? node
            : throw Errorf($"undefined variable {Formatting.GoQuote.Quote(node.Identifiers[0])}");
    }
}
