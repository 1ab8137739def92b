namespace ImageBuild.Cli.Rendering;

/// <summary>docker's column titles for the image commands' fields, to pass to <see cref="ListFormat"/>.</summary>
internal static class ColumnHeaders
{
    public static IReadOnlyDictionary<string, string> Images { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "IMAGE ID",
        ["Repository"] = "REPOSITORY",
        ["Tag"] = "TAG",
        ["Digest"] = "DIGEST",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["Size"] = "SIZE",
        ["Containers"] = "CONTAINERS",
        ["SharedSize"] = "SHARED SIZE",
        ["UniqueSize"] = "UNIQUE SIZE",
        ["VirtualSize"] = "VIRTUAL SIZE",
    };

    public static IReadOnlyDictionary<string, string> History { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ID"] = "IMAGE",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["CreatedBy"] = "CREATED BY",
        ["Size"] = "SIZE",
        ["Comment"] = "COMMENT",
    };

    public static IReadOnlyDictionary<string, string> DiskUsage { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Type"] = "TYPE",
        ["TotalCount"] = "TOTAL",
        ["Active"] = "ACTIVE",
        ["Size"] = "SIZE",
        ["Reclaimable"] = "RECLAIMABLE",
    };

    public static IReadOnlyDictionary<string, string> Search { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Name"] = "NAME",
        ["Description"] = "DESCRIPTION",
        ["StarCount"] = "STARS",
        ["IsOfficial"] = "OFFICIAL",
        ["IsAutomated"] = "AUTOMATED",
    };
}
