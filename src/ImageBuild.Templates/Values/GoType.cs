using System.Text;

namespace ImageBuild.Templates.Values;

/// <summary>
/// A Go type as reflect describes it, written down by the code that builds template data instead of discovered by
/// reflection, so the engine stays trim- and AOT-safe. Named types compare by name; unnamed ones by structure.
/// </summary>
public sealed class GoType
{
    private GoType(GoKind kind, string? name)
    {
        Kind = kind;
        Name = name;
    }

    public GoKind Kind { get; }

    /// <summary>The qualified name of a named type (<c>time.Duration</c>, <c>string</c>); null for <c>[]string</c> and the like.</summary>
    public string? Name { get; }

    public GoType? Elem { get; private init; }

    public GoType? Key { get; private init; }

    public IReadOnlyList<GoField> Fields { get; private init; } = [];

    public IReadOnlyList<GoMethod> Methods { get; private init; } = [];

    /// <summary>The type's String method (fmt.Stringer), when it has one.</summary>
    public Func<GoValue, string>? Stringer { get; private init; }

    /// <summary>The type's GoString method (fmt.GoStringer, used by %#v), when it has one.</summary>
    public Func<GoValue, string>? GoStringer { get; private init; }

    /// <summary>The type's MarshalJSON (json.Marshaler): the value and whether HTML is escaped give the JSON text.</summary>
    public Func<GoValue, bool, string>? JsonMarshaler { get; private init; }

    /// <summary>The stand-in for a builtin function's reflect.Value parameter, which takes any value as it is.</summary>
    internal bool IsReflectValue { get; private init; }

    public static GoType Bool { get; } = new(GoKind.Bool, "bool");

    public static GoType Int { get; } = new(GoKind.Int, "int");

    public static GoType Int32 { get; } = new(GoKind.Int32, "int32");

    public static GoType Int64 { get; } = new(GoKind.Int64, "int64");

    public static GoType Uint8 { get; } = new(GoKind.Uint8, "uint8");

    public static GoType Uint64 { get; } = new(GoKind.Uint64, "uint64");

    public static GoType Float64 { get; } = new(GoKind.Float64, "float64");

    public static GoType Complex128 { get; } = new(GoKind.Complex128, "complex128");

    public static GoType String { get; } = new(GoKind.String, "string");

    /// <summary><c>interface {}</c> (any).</summary>
    public static GoType EmptyInterface { get; } = new(GoKind.Interface, null);

    public static GoType StringSlice { get; } = SliceOf(String);

    /// <summary><c>struct {}</c>, the value type of docker's port and volume sets.</summary>
    public static GoType EmptyStruct { get; } = new(GoKind.Struct, null);

    internal static GoType ReflectValue { get; } = new(GoKind.Struct, "reflect.Value") { IsReflectValue = true };

    internal static GoType Error { get; } = new(GoKind.Interface, "error");

    public static GoType SliceOf(GoType elem) => new(GoKind.Slice, null) { Elem = elem };

    public static GoType MapOf(GoType key, GoType elem) => new(GoKind.Map, null) { Key = key, Elem = elem };

    public static GoType PointerTo(GoType elem) => new(GoKind.Pointer, null) { Elem = elem };

    /// <summary>A named struct such as <c>image.RootFS</c> (null name: an unnamed struct).</summary>
    public static GoType Struct(string? name, IReadOnlyList<GoField> fields, IReadOnlyList<GoMethod>? methods = null,
        Func<GoValue, string>? stringer = null, Func<GoValue, string>? goStringer = null, Func<GoValue, bool, string>? jsonMarshaler = null) =>
        new(GoKind.Struct, name)
        {
            Fields = fields,
            Methods = methods ?? [],
            Stringer = stringer,
            GoStringer = goStringer,
            JsonMarshaler = jsonMarshaler,
        };

    /// <summary>A named type over a basic kind or a slice, such as <c>time.Duration</c> or <c>json.Number</c>.</summary>
    public static GoType Named(string name, GoKind kind, GoType? elem = null, IReadOnlyList<GoMethod>? methods = null,
        Func<GoValue, string>? stringer = null, Func<GoValue, bool, string>? jsonMarshaler = null) =>
        new(kind, name)
        {
            Elem = elem,
            Methods = methods ?? [],
            Stringer = stringer,
            JsonMarshaler = jsonMarshaler,
        };

    public bool IsEmptyInterface => Kind == GoKind.Interface && Name is null;

    /// <summary>The method called <paramref name="name"/> of this type or, for a pointer, of the type it points to.</summary>
    public GoMethod? FindMethod(string name)
    {
        foreach (var method in Methods)
        {
            if (method.Name == name)
            {
                return method;
            }
        }

        return Kind == GoKind.Pointer ? Elem!.FindMethod(name) : null;
    }

    /// <summary>reflect's Type.String: <c>map[string]interface {}</c>, <c>*v1.HealthcheckConfig</c>, ...</summary>
    public override string ToString()
    {
        if (Name is not null)
        {
            return Name;
        }

        return Kind switch
        {
            GoKind.Slice => "[]" + Elem,
            GoKind.Map => $"map[{Key}]{Elem}",
            GoKind.Pointer => "*" + Elem,
            GoKind.Interface => "interface {}",
            GoKind.Struct => StructString(),
            _ => Kind.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Go's type identity: named types by name, others by structure.</summary>
    public static bool Identical(GoType a, GoType b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Name is not null || b.Name is not null)
        {
            return a.Name == b.Name && a.Kind == b.Kind;
        }

        return IdenticalStructure(a, b);
    }

    /// <summary>Go's assignability, as the template engine checks function arguments.</summary>
    public bool AssignableTo(GoType target)
    {
        if (Identical(this, target) || target.IsEmptyInterface || target.IsReflectValue)
        {
            return true;
        }

        if (target.Kind == GoKind.Interface)
        {
            return false;
        }

        // An unnamed composite is assignable to a named type with the same structure, and back.
        var composite = Kind is GoKind.Slice or GoKind.Map or GoKind.Pointer or GoKind.Struct;
        return composite && (Name is null || target.Name is null) && Kind == target.Kind && IdenticalStructure(this, target);
    }

    private static bool IdenticalStructure(GoType a, GoType b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        switch (a.Kind)
        {
            case GoKind.Slice or GoKind.Pointer:
                return Identical(a.Elem!, b.Elem!);
            case GoKind.Map:
                return Identical(a.Key!, b.Key!) && Identical(a.Elem!, b.Elem!);
            case GoKind.Struct:
                if (a.Fields.Count != b.Fields.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Fields.Count; i++)
                {
                    if (a.Fields[i].Name != b.Fields[i].Name || !Identical(a.Fields[i].Type, b.Fields[i].Type))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.Name == b.Name;
        }
    }

    private string StructString()
    {
        if (Fields.Count == 0)
        {
            return "struct {}";
        }

        var text = new StringBuilder("struct { ");
        for (var i = 0; i < Fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }

            text.Append(Fields[i].Name).Append(' ').Append(Fields[i].Type);
        }

        return text.Append(" }").ToString();
    }
}
