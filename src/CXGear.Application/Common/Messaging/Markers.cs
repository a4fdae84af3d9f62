namespace CXGear.Application.Common.Messaging;

/// <summary>
/// The message is open to anyone (sign-up, sign-in, password reset) or runs as background work with no caller; the
/// handler itself decides what the request may do. Every message declares exactly one access marker.
/// </summary>
public interface IAllowAnonymous;

/// <summary>The message needs a signed-in person: an organization member or a platform operator. API keys are refused.</summary>
public interface IRequireSignedIn;

/// <summary>The message works inside the caller's organization: members only (operators and API keys are refused).</summary>
public interface IRequireUser : IRequireSignedIn;

/// <summary>The message needs the caller to hold a permission key (implies <see cref="IRequireUser"/>).</summary>
public interface IRequirePermission : IRequireUser
{
    string Permission { get; }
}

/// <summary>The message is for platform operators only (the /admin routes); no organization role reaches it.</summary>
public interface IRequireOperator : IRequireSignedIn;

/// <summary>
/// The message is for organization API keys holding <see cref="Scope"/> (the /public routes). A JWT is refused
/// as 401 INVALID_API_KEY (the most common integration mistake), a key without the scope as 403 KEY_MISSING_SCOPE.
/// </summary>
public interface IRequireScope
{
    string Scope { get; }
}

/// <summary>
/// The message is a table's ingest webhook call, authenticated by the table's <c>cxgt_</c> token (which the
/// principal carries as <see cref="Abstractions.ICurrentPrincipal.DataTableId"/>); anything else is 401 INVALID_INGEST_TOKEN.
/// </summary>
public interface IRequireIngestToken;

/// <summary>
/// A command whose handler only reads and stages changes: the unit of work takes the write turn and the transaction
/// after it returns, just to save, so slow work in the handler (password hashing) never holds the write lock.
/// </summary>
public interface IStagedCommand;

/// <summary>
/// A command that carries a client's upload. The pipeline receives it in full after authorization and validation and
/// before the unit of work (<c>UploadBehavior</c>), so the write turn never waits on a client's network.
/// </summary>
public interface IReceivesUpload
{
    Abstractions.IUpload Upload { get; }
}
