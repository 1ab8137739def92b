using System.Numerics;

namespace ImageBuild.Templates.Values;

/// <summary>
/// A typed Go value, as reflect.Value holds one. Template data is a tree of these, built by the caller; a missing
/// value (reflect's invalid Value: a map key that is not there) is a null <see cref="GoValue"/>.
/// </summary>
public abstract class GoValue
{
    protected GoValue(GoType type)
    {
        Type = type;
    }

    public GoType Type { get; }

    public GoKind Kind => Type.Kind;

    public static GoValue Of(string text) => new GoString(GoType.String, text);

    public static GoValue Of(bool value) => new GoBool(GoType.Bool, value);

    /// <summary>A Go <c>int</c>.</summary>
    public static GoValue Of(long value) => new GoInt(GoType.Int, value);

    public static GoValue Of(double value) => new GoFloat(GoType.Float64, value);

    public static GoValue Of(IReadOnlyList<string>? items) =>
        new GoSlice(GoType.StringSlice, items?.Select(item => (GoValue)Of(item)).ToList());

    /// <summary>The zero value of <paramref name="type"/>, as reflect.Zero.</summary>
    public static GoValue Zero(GoType type) => type.Kind switch
    {
        GoKind.Bool => new GoBool(type, false),
        _ when type.Kind.IsSignedInteger() => new GoInt(type, 0),
        _ when type.Kind.IsUnsignedInteger() => new GoUint(type, 0),
        GoKind.Float32 or GoKind.Float64 => new GoFloat(type, 0),
        GoKind.Complex64 or GoKind.Complex128 => new GoComplex(type, Complex.Zero),
        GoKind.String => new GoString(type, string.Empty),
        GoKind.Slice => new GoSlice(type, null),
        GoKind.Map => new GoMap(type, null),
        GoKind.Pointer => new GoPointer(type, null),
        GoKind.Interface => new GoInterface(type, null),
        GoKind.Struct => new GoStruct(type, type.Fields.Select(f => Zero(f.Type)).ToList()),
        _ => throw new ArgumentException($"no zero value for {type}", nameof(type)),
    };
}

public sealed class GoBool(GoType type, bool value) : GoValue(type)
{
    public bool Value { get; } = value;
}

/// <summary>A signed integer of any size (int, int64, time.Duration, ...).</summary>
public sealed class GoInt(GoType type, long value) : GoValue(type)
{
    public long Value { get; } = value;
}

public sealed class GoUint(GoType type, ulong value) : GoValue(type)
{
    public ulong Value { get; } = value;
}

public sealed class GoFloat(GoType type, double value) : GoValue(type)
{
    public double Value { get; } = value;
}

public sealed class GoComplex(GoType type, Complex value) : GoValue(type)
{
    public Complex Value { get; } = value;
}

/// <summary>A string, or a named string type such as json.Number; see <see cref="Text.GoText"/> for invalid UTF-8.</summary>
public sealed class GoString(GoType type, string value) : GoValue(type)
{
    public string Value { get; } = value;
}

/// <summary>A slice; <see cref="Items"/> is null for a nil slice, which prints as [] and has length 0.</summary>
public sealed class GoSlice(GoType type, IReadOnlyList<GoValue>? items) : GoValue(type)
{
    public IReadOnlyList<GoValue>? Items { get; } = items;

    public bool IsNil => Items is null;

    public int Count => Items?.Count ?? 0;
}

/// <summary>A map; <see cref="Entries"/> is null for a nil map. Keys are unique; order does not matter (Go sorts to print).</summary>
public sealed class GoMap(GoType type, IReadOnlyList<KeyValuePair<GoValue, GoValue>>? entries) : GoValue(type)
{
    public IReadOnlyList<KeyValuePair<GoValue, GoValue>>? Entries { get; } = entries;

    public bool IsNil => Entries is null;

    public int Count => Entries?.Count ?? 0;

    /// <summary>A map with string keys, such as docker's labels.</summary>
    public static GoMap OfStrings(GoType type, IEnumerable<KeyValuePair<string, GoValue>>? entries) =>
        new(type, entries?.Select(e => new KeyValuePair<GoValue, GoValue>(Of(e.Key), e.Value)).ToList());

    /// <summary>The value for <paramref name="key"/>, or null (reflect's MapIndex giving an invalid Value).</summary>
    public GoValue? Lookup(GoValue key)
    {
        foreach (var (k, v) in Entries ?? [])
        {
            if (GoValues.KeysEqual(k, key))
            {
                return v;
            }
        }

        return null;
    }
}

public sealed class GoStruct(GoType type, IReadOnlyList<GoValue> fields) : GoValue(type)
{
    /// <summary>The field values in the order of <see cref="GoType.Fields"/>.</summary>
    public IReadOnlyList<GoValue> Fields { get; } = fields;
}

/// <summary>A pointer; <see cref="Target"/> is null for a nil pointer.</summary>
public sealed class GoPointer(GoType type, GoValue? target) : GoValue(type)
{
    public GoValue? Target { get; } = target;

    public bool IsNil => Target is null;

    public static GoPointer To(GoValue target) => new(GoType.PointerTo(target.Type), target);
}

/// <summary>
/// A value held in an interface-typed place (an element of map[string]interface{}): reflect keeps its static type,
/// which error messages name. <see cref="Dynamic"/> is null for a nil interface.
/// </summary>
public sealed class GoInterface(GoType type, GoValue? dynamic) : GoValue(type)
{
    public GoValue? Dynamic { get; } = dynamic;

    public bool IsNil => Dynamic is null;

    public static GoInterface Any(GoValue? dynamic) => new(GoType.EmptyInterface, dynamic);
}
