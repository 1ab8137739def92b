namespace ImageBuild.Cli.Rendering;

/// <summary>A template function rejected its arguments; the executor adds where in the template it happened.</summary>
internal sealed class TemplateFunctionException : Exception
{
    public TemplateFunctionException(string message)
        : base(message)
    {
    }
}
