#include "common/job.h"

#include "common/error.h"

namespace fglens {

void JobContext::checkCancelled() const
{
    if (cancel.cancelled())
        throw Cancelled();
}

} // namespace fglens
