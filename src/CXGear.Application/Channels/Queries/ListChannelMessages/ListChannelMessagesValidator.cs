using CXGear.Application.Common.Paging;
using FluentValidation;

namespace CXGear.Application.Channels.Queries.ListChannelMessages;

public sealed class ListChannelMessagesValidator : AbstractValidator<ListChannelMessagesQuery>
{
    public ListChannelMessagesValidator() => this.AddPagingRules();
}
