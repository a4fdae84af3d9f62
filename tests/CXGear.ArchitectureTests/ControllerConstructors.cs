using CXGear.Application.Common.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CXGear.ArchitectureTests;

/// <summary>Finds controller constructor parameters that reach for persistence or infrastructure directly.</summary>
internal static class ControllerConstructors
{
    private static readonly string[] ForbiddenNamespaces = ["Microsoft.EntityFrameworkCore", "CXGear.Infrastructure"];

    public static IReadOnlyList<Type> ControllersIn(System.Reflection.Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(ControllerBase).IsAssignableFrom(t)).ToList();

    public static IEnumerable<string> ForbiddenParameters(Type controller) =>
        from constructor in controller.GetConstructors(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
        from parameter in constructor.GetParameters()
        where IsForbidden(parameter.ParameterType)
        select $"{controller.Name}({parameter.ParameterType.Name} {parameter.Name})";

    private static bool IsForbidden(Type type)
    {
        if (type.HasElementType)
        {
            return IsForbidden(type.GetElementType()!);
        }

        return ForbiddenNamespaces.Any(ns => type.Namespace is { } name && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal)))
            || typeof(DbContext).IsAssignableFrom(type)
            || typeof(IApplicationDbContext).IsAssignableFrom(type)
            || (type.IsGenericType && type.GetGenericArguments().Any(IsForbidden));
    }
}
