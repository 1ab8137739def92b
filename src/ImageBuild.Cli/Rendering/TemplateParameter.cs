namespace ImageBuild.Cli.Rendering;

/// <summary>The Go parameter type a template function declares; arguments are checked against it before the call.</summary>
internal enum TemplateParameter
{
    Any,
    String,
    Int,
    StringList,
}
