using System.Reflection;
using System.Runtime.CompilerServices;

namespace CXGear.ArchitectureTests;

/// <summary>Finds members through which code outside a type could change its state: public set/init accessors and writable public fields.</summary>
internal static class PublicSetters
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IEnumerable<string> In(Type type)
    {
        foreach (var property in type.GetProperties(Declared))
        {
            if (property.SetMethod is { IsPublic: true })
            {
                yield return $"{type.FullName}.{property.Name} (public set)";
            }
        }

        foreach (var field in type.GetFields(Declared))
        {
            if (field.IsPublic && !field.IsInitOnly && !field.IsLiteral)
            {
                yield return $"{type.FullName}.{field.Name} (writable public field)";
            }
        }
    }

    public static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.Contains('<', StringComparison.Ordinal);
}
