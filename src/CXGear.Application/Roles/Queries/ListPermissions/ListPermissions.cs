using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using Mediator;
using P = CXGear.Domain.Authorization.Permissions;

namespace CXGear.Application.Roles.Queries.ListPermissions;

/// <summary>
/// The permission catalog. Any member may read it (it is the same for everyone and people who edit users or
/// roles need the names); paged like every list, though one default page holds all of it.
/// </summary>
public sealed record ListPermissionsQuery(int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<PagedResult<PermissionDto>>, IRequireUser, IPagedRequest;

public sealed record PermissionDto(string Key, string Description);

public sealed class ListPermissionsHandler : IQueryHandler<ListPermissionsQuery, PagedResult<PermissionDto>>
{
    /// <summary>Descriptions from the product's permission catalog (docs/api.md#permissions).</summary>
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [P.ProjectsRead] = "View projects and open project workspaces",
        [P.ProjectsWrite] = "Create and edit projects",
        [P.SpinnersRead] = "View spinner definitions",
        [P.SpinnersWrite] = "Create and edit spinners",
        [P.SpinnersRun] = "Run or trigger spinners, including starting jobs",
        [P.IntegrationsRead] = "View integrations (channels, AI providers, …)",
        [P.IntegrationsWrite] = "Create and change integrations (WhatsApp, LLMs, …)",
        [P.VaultRead] = "View vault entries (secrets masked)",
        [P.VaultWrite] = "Add or update vault secrets",
        [P.DiallerAccess] = "Dialler admin (lists, routing, desk tools)",
        [P.DiallerAgent] = "Take live voice calls",
        [P.ConversationsAgent] = "Receive and reply to chat sessions",
        [P.ConversationsSupervise] = "Monitor and transfer chats",
        [P.AnalyticsRead] = "View analytics",
        [P.PcaSetup] = "Configure Call Analyzer setup",
        [P.PcaTags] = "Configure Call Analyzer tags",
        [P.PcaQa] = "Configure Call Analyzer QA",
        [P.UsersManage] = "Invite and manage users",
        [P.RolesManage] = "Create and edit custom roles",
        [P.BillingRead] = "View billing (Billing page, usage meters, checkout)",
        [P.ApiKeysManage] = "Create and revoke API keys",
        [P.DataTablesDelete] = "Delete data tables",
    };

    public static string Describe(string key) => Descriptions[key];

    public ValueTask<PagedResult<PermissionDto>> Handle(ListPermissionsQuery query, CancellationToken cancellationToken)
    {
        var page = Permissions.Catalog.ToPage(query);
        return ValueTask.FromResult(page.Map(key => new PermissionDto(key, Describe(key))));
    }
}
