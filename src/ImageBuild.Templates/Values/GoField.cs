namespace ImageBuild.Templates.Values;

/// <summary>
/// A field of a Go struct type. <paramref name="JsonName"/> and <paramref name="OmitEmpty"/> are its json tag
/// (null name: the field name; <see cref="JsonSkip"/>: the "-" tag). An embedded field's own fields are promoted,
/// both for template lookups and for JSON.
/// </summary>
public sealed record GoField(string Name, GoType Type, string? JsonName = null, bool OmitEmpty = false, bool Embedded = false)
{
    public const string JsonSkip = "-";

    public bool IsExported => Name.Length > 0 && char.IsUpper(Name[0]);

    public string JsonKey => JsonName ?? Name;
}
