namespace ImageBuild.Publishing;

/// <summary>
/// One publish as the MSBuild task hands it over: the project's request and the settings the task resolved from its
/// own process (the store, retries). It crosses a process boundary as JSON when the native tool runs the publish.
/// </summary>
/// <param name="Protocol">
/// <see cref="PublishProtocol.Version"/> of the side that wrote it: the task and the tool ship in one package, so a
/// mismatch means a broken install, and the tool refuses the job rather than misreading it.
/// </param>
/// <param name="StorePath">The local store, already resolved to a full path.</param>
/// <param name="Retries">ContainerRetries as the project gave it (empty for the default).</param>
/// <param name="Verbose">Whether request lines are wanted; they cost a message each, so only for -v:d.</param>
internal sealed record PublishJob(int Protocol, ContainerRequest Request, string StorePath, string? Retries, bool Verbose);
