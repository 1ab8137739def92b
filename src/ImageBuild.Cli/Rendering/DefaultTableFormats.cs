namespace ImageBuild.Cli.Rendering;

/// <summary>docker's default table layouts for the image commands (escapes are expanded by <see cref="ListFormat"/>).</summary>
internal static class DefaultTableFormats
{
    public const string Images = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";

    public const string ImagesWithDigests = "table {{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";

    public const string History = "table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}";

    public const string HistoryNotHuman = "table {{.ID}}\\t{{.CreatedAt}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}";

    public const string DiskUsage = "table {{.Type}}\\t{{.TotalCount}}\\t{{.Active}}\\t{{.Size}}\\t{{.Reclaimable}}";

    public const string Search = "table {{.Name}}\\t{{.Description}}\\t{{.StarCount}}\\t{{.IsOfficial}}";

    public const string Quiet = "{{.ID}}";
}
