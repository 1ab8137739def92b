namespace ImageBuild.Templates;

/// <summary>A template failed; the message is Go's, e.g. <c>template: :1: unexpected "}" in operand</c>.</summary>
public abstract class TemplateException(string message) : Exception(message);

/// <summary>The template text is malformed (Go's Parse error).</summary>
public sealed class TemplateParseException(string message) : TemplateException(message);

/// <summary>Running the template failed (Go's ExecError), e.g. <c>template: :1:2: executing "" at &lt;.Foo&gt;: map has no entry for key "Foo"</c>.</summary>
public sealed class TemplateExecutionException(string message) : TemplateException(message);
