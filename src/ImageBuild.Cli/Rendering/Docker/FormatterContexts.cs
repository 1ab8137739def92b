namespace ImageBuild.Cli.Rendering.Docker;

/// <summary>The row types of docker's list formatters that the image commands print.</summary>
internal static class FormatterContexts
{
    public static FormatterContext Image { get; } = new("formatter.imageContext",
        ["Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository", "SharedSize", "Size", "Tag", "UniqueSize", "VirtualSize"]);

    public static FormatterContext History { get; } = new("image.historyContext",
        ["Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size"]);

    public static FormatterContext DiskUsageImages { get; } = new("formatter.diskUsageImagesContext",
        ["Active", "Reclaimable", "Size", "TotalCount", "Type"]);

    public static FormatterContext DiskUsageBuildCache { get; } = new("formatter.diskUsageBuildCacheContext",
        ["Active", "Reclaimable", "Size", "TotalCount", "Type"]);

    public static FormatterContext Search { get; } = new("formatter.searchContext",
        ["Description", "IsAutomated", "IsOfficial", "Name", "StarCount"]);

    /// <summary>docker's search rows under json: flags as true/false and no IsAutomated.</summary>
    public static FormatterContext SearchJson { get; } = new("formatter.searchContext",
        ["Description", "IsOfficial", "Name", "StarCount"]);
}
