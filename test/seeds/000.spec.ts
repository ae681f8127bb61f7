import { describeSeed } from './seed-check';

describeSeed('000', '乐山市医疗保障局 2019，部门决算与项目绩效目标完成情况表');
