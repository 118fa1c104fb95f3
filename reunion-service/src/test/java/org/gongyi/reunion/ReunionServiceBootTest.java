package org.gongyi.reunion;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class ReunionServiceBootTest extends ServiceBootContract {
    @Override
    protected String schema() {
        return "reunion";
    }
}
