namespace ImageBuild.Publishing;

/// <summary>A publish that failed, as one MSBuild error: its IMGxxxx code, the message, and the full exception for -v:d.</summary>
internal sealed record PublishFailure(string Code, string Message, string Detail);
