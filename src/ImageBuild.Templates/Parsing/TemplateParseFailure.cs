namespace ImageBuild.Templates.Parsing;

/// <summary>A parse error's reason; the parser adds Go's "template: NAME:LINE: " prefix.</summary>
internal sealed class TemplateParseFailure(string reason) : Exception(reason);
