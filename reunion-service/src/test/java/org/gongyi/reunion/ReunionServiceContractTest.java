package org.gongyi.reunion;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gongyi.infra.test.GongyiTestInfrastructure;
import org.gongyi.infra.test.ServiceBootContract;

import java.util.List;

@QuarkusTest
@WithTestResource(value = GongyiTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reunion"))
class ReunionServiceContractTest extends ServiceBootContract {
    @Override
    protected String schema() {
        return "reunion";
    }

    /** No endpoints yet: the first one added fails the build until it has its rows here. */
    @Override
    protected List<Row> rows() {
        return List.of();
    }
}
