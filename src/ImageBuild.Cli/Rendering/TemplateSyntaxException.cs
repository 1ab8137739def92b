namespace ImageBuild.Cli.Rendering;

/// <summary>
/// A parse or execution failure at an offset of the template; <see cref="GoTemplate"/> turns it into a one-line
/// InvalidInputException naming the line and column, in the shape of Go's "template: :1:8: ..." messages.
/// </summary>
internal sealed class TemplateSyntaxException : Exception
{
    public TemplateSyntaxException(int position, string reason)
        : base(reason)
    {
        Position = position;
        Reason = reason;
    }

    public int Position { get; }

    public string Reason { get; }
}
